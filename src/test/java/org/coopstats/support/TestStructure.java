package org.coopstats.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.coopstats.catalog.AttributeDef;
import org.coopstats.catalog.Code;
import org.coopstats.catalog.CodeList;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;
import org.coopstats.catalog.MeasureDef;
import org.coopstats.catalog.MeasureDef.Condition;

/** A small structure shaped like COOP_STATS, for unit tests of the rules without a database. */
public final class TestStructure {

  private TestStructure() {}

  public static DataStructure coopStats() {
    Map<String, CodeList> lists = new HashMap<>();
    for (CodeList l :
        List.of(
            list("CL_AREA", "CAN", "CA-QC>CAN", "CA-ON>CAN"),
            list(
                "CL_MEASURE",
                "COOPS",
                "COOPS_REG",
                "MEMBERS",
                "WORKERS",
                "TURNOVER",
                "VALUE_ADDED",
                "SURPLUS",
                "ASSETS",
                "LIABILITIES",
                "EQUITY"),
            list("CL_COOP_TYPE", "_T", "PROD>_T", "CONS>_T", "WORK>_T"),
            list("CL_COOP_LEVEL", "_T", "PRIM>_T", "SEC>_T", "TERT>_T"),
            list("CL_ACTIVITY", "_T", "A>_T"),
            list("CL_SEX", "_T", "F>_T", "M>_T", "_Z"),
            list("CL_MEMBER_KIND", "_T", "NP>_T", "CO>_T", "_Z"),
            list("CL_WORK_CAT", "_T", "IN_EMP>_T", "IN_EMP_WM>IN_EMP", "_Z"),
            list("CL_OBS_STATUS", "A", "M", "P"),
            list("CL_CONF_STATUS", "F", "C"),
            list("CL_UNIT_MEASURE", "NUMBER", "PERSONS", "CAD"),
            list("CL_CURRENCY", "CAD"),
            list("CL_UNIT_MULT", "0", "3", "6"))) {
      lists.put(l.id(), l);
    }
    List<DimensionDef> dimensions =
        List.of(
            new DimensionDef("REF_AREA", 1, "CL_AREA", false, true, "Area", null),
            new DimensionDef("MEASURE", 2, "CL_MEASURE", false, true, "Measure", null),
            new DimensionDef("COOP_TYPE", 3, "CL_COOP_TYPE", false, true, "Type", null),
            new DimensionDef("COOP_LEVEL", 4, "CL_COOP_LEVEL", false, true, "Level", null),
            new DimensionDef("ACTIVITY", 5, "CL_ACTIVITY", false, true, "Activity", null),
            new DimensionDef("SEX", 6, "CL_SEX", false, false, "Sex", null),
            new DimensionDef("MEMBER_KIND", 7, "CL_MEMBER_KIND", false, false, "Member kind", null),
            new DimensionDef("WORK_CAT", 8, "CL_WORK_CAT", false, false, "Work", null),
            new DimensionDef("TIME_PERIOD", 9, null, true, true, "Period", null));
    List<AttributeDef> attributes =
        List.of(
            new AttributeDef("OBS_STATUS", 1, "CL_OBS_STATUS", true, "A", "Status", null),
            new AttributeDef("CONF_STATUS", 2, "CL_CONF_STATUS", true, "F", "Conf", null),
            new AttributeDef("UNIT_MEASURE", 3, "CL_UNIT_MEASURE", true, null, "Unit", null),
            new AttributeDef("UNIT_MULT", 4, "CL_UNIT_MULT", true, "0", "Mult", null),
            new AttributeDef("COMMENT_OBS", 5, null, false, null, "Comment", null));
    Map<String, MeasureDef> measures = new HashMap<>();
    for (String count : List.of("COOPS", "COOPS_REG")) {
      measures.put(count, count(count, "NUMBER", Map.of(), Set.of()));
    }
    measures.put(
        "MEMBERS",
        count(
            "MEMBERS",
            "NUMBER",
            Map.of("MEMBER_KIND", Condition.ALWAYS, "SEX", new Condition("MEMBER_KIND", "NP")),
            Set.of("COOP_LEVEL")));
    measures.put(
        "WORKERS",
        count(
            "WORKERS",
            "PERSONS",
            Map.of("SEX", Condition.ALWAYS, "WORK_CAT", Condition.ALWAYS),
            Set.of()));
    for (String money :
        List.of("TURNOVER", "VALUE_ADDED", "SURPLUS", "ASSETS", "LIABILITIES", "EQUITY")) {
      measures.put(
          money,
          new MeasureDef(
              money,
              "DECIMAL",
              "MONEY",
              "FLOW",
              money.equals("SURPLUS"),
              null,
              "CL_CURRENCY",
              Set.of(),
              Map.of(),
              Set.of()));
    }
    return new DataStructure(
        "COOP_STATS",
        "TEST",
        "1.0",
        "Test",
        null,
        dimensions,
        attributes,
        measures,
        lists,
        "observation");
  }

  private static MeasureDef count(
      String id, String unit, Map<String, Condition> applies, Set<String> nonAdditive) {
    return new MeasureDef(
        id,
        "INTEGER",
        "COUNT",
        "STOCK",
        false,
        unit,
        "CL_UNIT_MEASURE",
        Set.of(unit),
        applies,
        nonAdditive);
  }

  /** A code list from codes written "CODE" or "CODE>PARENT". */
  public static CodeList list(String id, String... codesAndParents) {
    List<Code> codes = new ArrayList<>();
    for (int i = 0; i < codesAndParents.length; i++) {
      String[] parts = codesAndParents[i].split(">");
      codes.add(new Code(parts[0], parts[0], null, null, parts.length > 1 ? parts[1] : null, i));
    }
    return CodeList.of(id, "TEST", "1.0", id, null, null, null, codes);
  }

  /** Where each code of a series key stands in its code list, as the validator notes it. */
  public static int[] positions(DataStructure structure, List<String> key) {
    int[] positions = new int[key.size()];
    for (int d = 0; d < key.size(); d++) {
      var codes = structure.codeList(structure.seriesDimensions().get(d).codeListId());
      positions[d] = org.coopstats.validation.ObservationValidator.positions(codes).get(key.get(d));
    }
    return positions;
  }
}
