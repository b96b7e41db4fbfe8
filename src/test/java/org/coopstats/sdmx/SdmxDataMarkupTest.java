package org.coopstats.sdmx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The data sets' markup escapes attribute values exactly as the XMLStreamWriter it replaced. */
class SdmxDataMarkupTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "plain",
        "a<b & \"c\" > 'd'",
        "line\nbreak\tand\rreturn",
        "é€😀 ünïcödé",
        "&amp; already",
        ""
      })
  void attributeValuesAreEscapedAsTheXmlStreamWriterDid(String value) throws Exception {
    assertThat(SdmxDataMarkup.escape(value)).isEqualTo(viaXmlStreamWriter(value));
  }

  @Test
  void onlyTheFourMarkupCharactersAreEscaped() {
    assertThat(SdmxDataMarkup.escape("<>&\"'")).isEqualTo("&lt;&gt;&amp;&quot;'");
  }

  private static String viaXmlStreamWriter(String value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-8");
    xml.writeStartElement("e");
    xml.writeAttribute("a", value);
    xml.writeEndElement();
    xml.flush();
    String text = bytes.toString(StandardCharsets.UTF_8);
    return text.substring("<e a=\"".length(), text.length() - "\"></e>".length());
  }
}
