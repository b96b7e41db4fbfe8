package org.coopstats.sdmx;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import javax.xml.stream.XMLStreamException;
import org.coopstats.catalog.DataStructure;
import org.coopstats.sdmx.SdmxStructureWriter.Content;
import org.coopstats.sdmx.SdmxV3Formats.StructureFormat;

/** Writes the messages of the SDMX 3.0 API in the format asked for, by the writer of each. */
final class SdmxV3Writing {

  private SdmxV3Writing() {}

  static void structure(
      Content content,
      String sender,
      Instant prepared,
      boolean stubs,
      StructureFormat format,
      OutputStream output)
      throws IOException {
    switch (format) {
      case JSON_2 -> SdmxJson2StructureWriter.write(content, sender, prepared, stubs, output);
      case ML_3 ->
          xml(() -> SdmxMl3StructureWriter.write(content, sender, prepared, stubs, output));
      case ML_2_1 -> xml(() -> SdmxStructureWriter.write(content, sender, prepared, output));
    }
  }

  static void availability(
      DataStructure structure,
      SdmxV3Availability.Answer answer,
      Content references,
      String sender,
      Instant prepared,
      StructureFormat format,
      OutputStream output)
      throws IOException {
    switch (format) {
      case JSON_2 ->
          SdmxJson2StructureWriter.availability(
              structure,
              answer.codes(),
              answer.start(),
              answer.end(),
              answer.mode(),
              references,
              sender,
              prepared,
              output);
      case ML_3 ->
          xml(
              () ->
                  SdmxMl3StructureWriter.availability(
                      structure,
                      answer.codes(),
                      answer.start(),
                      answer.end(),
                      answer.mode(),
                      references,
                      sender,
                      prepared,
                      output));
      case ML_2_1 ->
          xml(
              () ->
                  SdmxStructureWriter.availability(
                      structure,
                      answer.codes(),
                      answer.start(),
                      answer.end(),
                      sender,
                      prepared,
                      output));
    }
  }

  static void schema(DataStructure structure, boolean allDimensions, OutputStream output)
      throws IOException {
    xml(() -> SdmxMl3SchemaWriter.write(structure, allDimensions, output));
  }

  /** Writing XML, whose failures an HTTP body can only report as an IOException. */
  @FunctionalInterface
  interface XmlWriting {
    void write() throws XMLStreamException, IOException;
  }

  static void xml(XmlWriting writing) throws IOException {
    try {
      writing.write();
    } catch (XMLStreamException e) {
      throw new IOException("Writing the SDMX-ML message failed", e);
    }
  }
}
