package org.coopstats.sdmx;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** The header every SDMX message starts with. */
final class SdmxHeader {

  private SdmxHeader() {}

  /**
   * @param prepared when the message is prepared
   * @param structure writes the {@code Structure} element of a data message, or null
   */
  static void write(
      XMLStreamWriter xml, String mes, String sender, Instant prepared, StructureRef structure)
      throws XMLStreamException {
    xml.writeStartElement(mes, "Header");
    element(xml, mes, "ID", newId());
    element(xml, mes, "Test", "false");
    element(xml, mes, "Prepared", prepared(prepared));
    xml.writeEmptyElement(mes, "Sender");
    xml.writeAttribute("id", sender);
    if (structure != null) {
      structure.write(xml, mes);
    }
    xml.writeEndElement();
  }

  /** A fresh message id. */
  static String newId() {
    return "IREF" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  /** The time the message is prepared (read from the service's clock), ISO 8601 to the second. */
  static String prepared(Instant at) {
    return at.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static void element(XMLStreamWriter xml, String ns, String name, String text)
      throws XMLStreamException {
    xml.writeStartElement(ns, name);
    xml.writeCharacters(text);
    xml.writeEndElement();
  }

  /** Writes the data message header's reference to the structure the data follows. */
  interface StructureRef {
    void write(XMLStreamWriter xml, String mes) throws XMLStreamException;
  }
}
