package org.coopstats.upload;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on submissions. */
@ConfigMapping(prefix = "coopstats.upload")
public interface UploadLimits {

  /** Largest body accepted, in bytes; larger ones get 413. */
  @WithDefault("268435456")
  long maxBytes();

  /**
   * Longest CSV line, in characters; a longer one (a binary, a file without line breaks) is
   * refused.
   */
  @WithDefault("1000000")
  int maxLineLength();

  /**
   * Uploads larger than this (by Content-Length), or sent with {@code Prefer: respond-async}, run
   * as jobs: 202 Accepted and a job to follow.
   */
  @WithDefault("8388608")
  long asyncThresholdBytes();

  /**
   * Most observations in one upload; more get 413. The checks across rows hold every row in a
   * compact form, about 55 bytes of heap each (110 MB for 2,000,000).
   */
  @WithDefault("2000000")
  int maxRows();

  /**
   * Most strings in an Excel workbook's shared-strings table (413 above). The table is held in
   * memory while the sheet is read: about 48 bytes of heap a string, plus its characters.
   */
  @WithDefault("500000")
  int xlsxMaxSharedStrings();

  /**
   * Most characters in an Excel workbook's shared-strings table, all strings together (413 above):
   * one or two bytes of heap each.
   */
  @WithDefault("16000000")
  long xlsxMaxSharedStringChars();

  /**
   * Largest structural part of an Excel workbook (styles, theme, relationships, the workbook part),
   * uncompressed (413 above): POI reads these whole into memory, at several times their size. The
   * sheet is streamed and bounded, with the shared strings, by 8 × max-bytes in total.
   */
  @WithDefault("8388608")
  long xlsxMaxPartBytes();

  /** Most errors listed in a 422 (all are counted). */
  @WithDefault("1000")
  int maxErrors();

  /**
   * PostgreSQL maintenance_work_mem for building a draft's key index, which the first merge into a
   * draft that already has rows does (sorting the draft's keys).
   */
  @WithDefault("128MB")
  String mergeWorkMem();
}
