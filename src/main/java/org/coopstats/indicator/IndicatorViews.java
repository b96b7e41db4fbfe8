package org.coopstats.indicator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;

/** What the indicator endpoints answer. */
public final class IndicatorViews {

  private IndicatorViews() {}

  /** A definition, with the full key of each input (the codes it fixes and the defaults). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record IndicatorView(
      String id,
      String name,
      String kind,
      InputView numerator,
      InputView denominator,
      BigDecimal multiplier,
      String unit,
      int decimals,
      String notes) {

    static IndicatorView of(IndicatorDef d, String lang, IndicatorService service) {
      return new IndicatorView(
          d.id(),
          d.name(lang),
          d.kind().name(),
          InputView.of(d.numerator(), service),
          d.kind() == IndicatorDef.Kind.RATIO ? InputView.of(d.denominator(), service) : null,
          d.multiplier(),
          d.unit(),
          d.decimals(),
          d.notes());
    }
  }

  /** An input: the measure of a structure, and the codes of the rest of its key but the area. */
  public record InputView(String structure, String measure, Map<String, String> key) {
    static InputView of(IndicatorDef.Input input, IndicatorService service) {
      return new InputView(input.structure(), input.measure(), service.key(input));
    }
  }

  /** One value of an indicator, with the published values it comes from. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ValueView(
      @JsonProperty("REF_AREA") String area,
      @JsonProperty("TIME_PERIOD") String period,
      @JsonProperty("OBS_VALUE") BigDecimal value,
      @JsonProperty("OBS_STATUS") String obsStatus,
      @JsonProperty("CONF_STATUS") String confStatus,
      @JsonProperty("UNIT_MEASURE") String unit,
      SourceView numerator,
      SourceView denominator,
      String problem) {

    static ValueView of(IndicatorValue v, IndicatorDef definition) {
      return new ValueView(
          v.area(),
          v.period(),
          v.value(),
          v.obsStatus(),
          v.confStatus(),
          definition.unit(),
          SourceView.of(v.numerator()),
          SourceView.of(v.denominator()),
          v.problem());
    }
  }

  /** A published value an indicator value comes from, and where it was published. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SourceView(
      @JsonProperty("TIME_PERIOD") String period,
      @JsonProperty("OBS_VALUE") BigDecimal value,
      @JsonProperty("UNIT_MEASURE") String unitMeasure,
      @JsonProperty("UNIT_MULT") int unitMult,
      @JsonProperty("OBS_STATUS") String obsStatus,
      @JsonProperty("CONF_STATUS") String confStatus,
      long dataset,
      String provider,
      Integer version,
      OffsetDateTime releasedAt) {

    static SourceView of(InputValue v) {
      if (v == null) {
        return null;
      }
      return new SourceView(
          v.period(),
          v.value(),
          v.unitMeasure(),
          v.unitMult(),
          v.obsStatus(),
          v.confStatus(),
          v.dataset(),
          v.provider(),
          v.version(),
          v.releasedAt());
    }
  }
}
