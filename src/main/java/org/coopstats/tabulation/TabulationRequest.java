package org.coopstats.tabulation;

/** What a tabulation job derives: a register's units of one period. */
record TabulationRequest(long registerId, String period) {}
