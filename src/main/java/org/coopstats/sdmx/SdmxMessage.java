package org.coopstats.sdmx;

import java.io.IOException;
import java.io.OutputStream;

/** An SDMX message (or schema), checked and ready: written out when the answer is sent. */
@FunctionalInterface
interface SdmxMessage {

  void writeTo(OutputStream output) throws IOException;
}
