package org.coopstats.sdmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.coopstats.common.ProblemException;
import org.coopstats.sdmx.SdmxFormats.Accepted;
import org.coopstats.sdmx.SdmxFormats.DataFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The choice of an SDMX media type: the format parameter first, then Accept in its order. */
class SdmxFormatsTest {

  /** An Accept header such as "text/csv, application/xml;version=2.1" (* for any type). */
  private static List<Accepted> accept(String header) {
    List<Accepted> accepted = new ArrayList<>();
    for (String range : header.split(",")) {
      String[] parts = range.trim().split(";version=");
      accepted.add(new Accepted(parts[0], parts.length > 1 ? parts[1] : null));
    }
    return accepted;
  }

  private static final Supplier<List<Accepted>> UNREAD =
      () -> {
        throw new AssertionError("the Accept header is read only without a format parameter");
      };

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "* | GENERIC",
        "application/xml | GENERIC",
        "text/xml | GENERIC",
        "application/* | GENERIC",
        "text/* | CSV",
        "text/csv | CSV",
        "application/vnd.sdmx.genericdata+xml;version=2.1 | GENERIC",
        "application/vnd.sdmx.structurespecificdata+xml | STRUCTURE_SPECIFIC",
        "application/vnd.sdmx.data+csv;version=1.0.0 | CSV",
        "application/vnd.sdmx.data+json;version=1.0.0 | JSON",
        "application/json, text/csv | CSV",
        "application/vnd.sdmx.genericdata+xml;version=3.0, application/vnd.sdmx.data+json | JSON",
        "application/vnd.sdmx.data+csv;version=2.0.0, application/xml | GENERIC",
      })
  void dataFormatIsTheFirstAcceptedThatIsOffered(String header, DataFormat expected) {
    assertThat(SdmxFormats.dataFormat(null, () -> accept(header))).isEqualTo(expected);
  }

  @Test
  void dataNobodyAcceptsIsA406NamingWhatIsOffered() {
    assertThatThrownBy(
            () ->
                SdmxFormats.dataFormat(
                    null,
                    () -> accept("application/json, application/vnd.sdmx.data+csv;version=2.0")))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.status()).isEqualTo(406);
              assertThat(e.getMessage()).contains(SdmxFormats.SDMX_JSON, SdmxFormats.SDMX_CSV);
            });
  }

  @Test
  void theFormatParameterComesFirst() {
    assertThat(SdmxFormats.dataFormat("CSV", UNREAD)).isEqualTo(DataFormat.CSV);
    assertThat(SdmxFormats.dataFormat("structurespecific", UNREAD))
        .isEqualTo(DataFormat.STRUCTURE_SPECIFIC);
    assertThatThrownBy(() -> SdmxFormats.dataFormat("html", UNREAD))
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThatCode(() -> SdmxFormats.requireStructureXml("sdmx-ml", UNREAD))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> SdmxFormats.requireStructureXml("json", UNREAD))
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(406));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "* | true",
        "application/* | true",
        "text/xml | true",
        "application/json, application/xml | true",
        "application/vnd.sdmx.structure+xml;version=2.1 | true",
        "application/vnd.sdmx.structure+xml | true",
        "application/vnd.sdmx.structure+xml;version=3.0 | false",
        "application/vnd.sdmx.schema+xml | false",
        "application/json | false",
        "text/* | false",
      })
  void structuresAreSdmxMlOrXml(String header, boolean acceptable) {
    Runnable check = () -> SdmxFormats.requireStructureXml(null, () -> accept(header));
    if (acceptable) {
      assertThatCode(check::run).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(check::run)
          .isInstanceOfSatisfying(
              ProblemException.class, e -> assertThat(e.status()).isEqualTo(406));
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "* | true",
        "application/xml | true",
        "application/vnd.sdmx.schema+xml;version=2.1 | true",
        "application/vnd.sdmx.schema+xml;version=3.0 | false",
        "application/vnd.sdmx.structure+xml | false",
        "text/csv | false",
      })
  void schemasAreSdmxSchemaOrXml(String header, boolean acceptable) {
    Runnable check = () -> SdmxFormats.requireSchemaXml(accept(header));
    if (acceptable) {
      assertThatCode(check::run).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(check::run)
          .isInstanceOfSatisfying(
              ProblemException.class, e -> assertThat(e.status()).isEqualTo(406));
    }
  }
}
