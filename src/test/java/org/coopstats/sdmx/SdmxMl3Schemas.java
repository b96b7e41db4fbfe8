package org.coopstats.sdmx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Validation against the official SDMX-ML 3.0.0 XML Schemas vendored in
 * src/test/resources/sdmx-ml-3.0 (structure messages), plus the schema the service writes for a
 * data structure (structure-specific data messages).
 */
final class SdmxMl3Schemas {

  private static final String OFFICIAL = "/sdmx-ml-3.0/";

  private SdmxMl3Schemas() {}

  /** The official schemas: every SDMX-ML 3.0 message but structure-specific data. */
  static Schema official() {
    try {
      return schemaFactory().newSchema(officialSource("SDMXMessage.xsd"));
    } catch (SAXException e) {
      throw new AssertionError(e);
    }
  }

  /** The official schemas plus {@code specificXsd}, the schema of one data structure. */
  static Schema withSpecific(byte[] specificXsd) throws Exception {
    StreamSource specific = new StreamSource(new ByteArrayInputStream(specificXsd));
    // Its relative schemaLocations resolve beside the official files.
    specific.setSystemId(new URL(officialUrl("SDMXMessage.xsd"), "STRUCTURE.xsd").toExternalForm());
    return schemaFactory().newSchema(new Source[] {officialSource("SDMXMessage.xsd"), specific});
  }

  static void assertValid(Schema schema, byte[] message) {
    String text = new String(message, StandardCharsets.UTF_8);
    assertThat(errors(schema, message))
        .as(
            "SDMX-ML 3.0 validation errors of:%n%s",
            text.length() > 6000 ? text.substring(0, 6000) : text)
        .isEmpty();
  }

  static List<String> errors(Schema schema, byte[] message) {
    List<String> errors = new ArrayList<>();
    Validator validator = schema.newValidator();
    validator.setErrorHandler(
        new ErrorHandler() {
          @Override
          public void warning(SAXParseException e) {}

          @Override
          public void error(SAXParseException e) {
            errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
          }

          @Override
          public void fatalError(SAXParseException e) {
            error(e);
          }
        });
    try {
      validator.validate(new StreamSource(new ByteArrayInputStream(message)));
    } catch (SAXException e) {
      errors.add(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return errors;
  }

  static SchemaFactory schemaFactory() {
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    factory.setResourceResolver(VENDORED);
    return factory;
  }

  static URL officialUrl(String name) {
    URL url = SdmxMl3Schemas.class.getResource(OFFICIAL + name);
    if (url == null) {
      throw new AssertionError("No vendored SDMX-ML 3.0 schema " + name);
    }
    return url;
  }

  static StreamSource officialSource(String name) {
    URL url = officialUrl(name);
    try {
      StreamSource source = new StreamSource(url.openStream());
      source.setSystemId(url.toExternalForm());
      return source;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every schemaLocation, relative or absolute, is the vendored file of that name. */
  static final LSResourceResolver VENDORED =
      (type, namespace, publicId, systemId, baseUri) -> {
        if (systemId == null) {
          return null;
        }
        StreamSource source = officialSource(systemId.substring(systemId.lastIndexOf('/') + 1));
        return new Input(source.getSystemId(), source.getInputStream());
      };

  private record Input(String systemId, InputStream byteStream) implements LSInput {
    @Override
    public java.io.Reader getCharacterStream() {
      return null;
    }

    @Override
    public void setCharacterStream(java.io.Reader characterStream) {}

    @Override
    public InputStream getByteStream() {
      return byteStream;
    }

    @Override
    public void setByteStream(InputStream byteStream) {}

    @Override
    public String getStringData() {
      return null;
    }

    @Override
    public void setStringData(String stringData) {}

    @Override
    public String getSystemId() {
      return systemId;
    }

    @Override
    public void setSystemId(String systemId) {}

    @Override
    public String getPublicId() {
      return null;
    }

    @Override
    public void setPublicId(String publicId) {}

    @Override
    public String getBaseURI() {
      return null;
    }

    @Override
    public void setBaseURI(String baseUri) {}

    @Override
    public String getEncoding() {
      return null;
    }

    @Override
    public void setEncoding(String encoding) {}

    @Override
    public boolean getCertifiedText() {
      return false;
    }

    @Override
    public void setCertifiedText(boolean certifiedText) {}
  }
}
