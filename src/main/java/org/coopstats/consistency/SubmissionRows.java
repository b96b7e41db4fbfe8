package org.coopstats.consistency;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.coopstats.catalog.Code;
import org.coopstats.catalog.CodeList;
import org.coopstats.catalog.DataStructure;
import org.coopstats.catalog.DimensionDef;
import org.coopstats.validation.CheckedObservation;
import org.coopstats.validation.ObservationValidator;
import org.coopstats.validation.TimePeriod;

/**
 * The rows of one submission in the compact form that the checks across rows need: the series key
 * packed into one {@code long} (each dimension's code as its position in the code list), the
 * period, unit and multiplier as small numbers, the value, and where the row came from: 34 bytes a
 * row and 16 to 32 for the hash table, so 1,000,000 rows take about 55 MB; {@code
 * coopstats.upload.max-rows} bounds it.
 *
 * <p>Rows are found by series key and period through an open-addressing hash table. A second row
 * with the key and period of an earlier one is not kept: it is remembered as a duplicate (R04).
 */
public final class SubmissionRows {

  private static final byte HAS_VALUE = 1;
  private static final byte DELETED = 2;
  private static final byte LARGE = 4; // the value is in largeValues, not in unscaled and scale

  private final List<DimensionDef> dimensions;
  private final List<Map<String, Integer>> codeIndexes = new ArrayList<>();
  private final List<List<String>> codes = new ArrayList<>();
  private final int[] shifts;
  private final long[] masks;
  private final Map<String, Integer> periodIndex = new HashMap<>();
  private final List<TimePeriod> periods = new ArrayList<>();
  private final Map<String, Integer> unitIndex = new HashMap<>();
  private final List<String> units = new ArrayList<>();
  // The period and unit of the row added before, and their ids: the row checks hand a repeated
  // period or unit over as the same object, and most rows repeat those of the row before.
  private TimePeriod lastPeriod;
  private int lastPeriodId;
  private String lastUnit;
  private int lastUnitId;

  private int size;
  private long[] keys;
  private int[] period;
  private int[] unit;
  private int[] multiplier;
  private long[] unscaled;
  private byte[] scale;
  private byte[] flags;
  private int[] refs;
  private final Map<Integer, BigDecimal> largeValues = new HashMap<>();

  private long[] slots;
  private long[] duplicates = new long[16];
  private int duplicateCount;

  public SubmissionRows(DataStructure structure) {
    this(structure, 0);
  }

  /**
   * @param expectedRows how many rows are likely to come; room for them is made at once
   */
  public SubmissionRows(DataStructure structure, long expectedRows) {
    int capacity = (int) Math.max(1024, Math.min(expectedRows, Integer.MAX_VALUE / 4));
    keys = new long[capacity];
    period = new int[capacity];
    unit = new int[capacity];
    multiplier = new int[capacity];
    unscaled = new long[capacity];
    scale = new byte[capacity];
    flags = new byte[capacity];
    refs = new int[capacity];
    // One to two slots for each expected row: the expected rows, from the body's length, are an
    // over-estimate for all but the shortest rows, and the slots double (rehash) once half are
    // taken.
    slots = new long[Integer.highestOneBit(capacity) * 2];
    this.dimensions = structure.seriesDimensions();
    shifts = new int[dimensions.size()];
    masks = new long[dimensions.size()];
    int shift = 0;
    for (int d = 0; d < dimensions.size(); d++) {
      CodeList list = structure.codeList(dimensions.get(d).codeListId());
      List<String> ids = list.codes().stream().map(Code::id).toList();
      codeIndexes.add(ObservationValidator.positions(list));
      codes.add(ids);
      int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, ids.size() - 1));
      shifts[d] = shift;
      masks[d] = ((1L << bits) - 1) << shift;
      shift += bits;
    }
    if (shift > 64) {
      throw new IllegalStateException(
          "The series keys of " + structure.id() + " need " + shift + " bits, more than 64");
    }
  }

  public List<DimensionDef> dimensions() {
    return dimensions;
  }

  /** Adds a row that passed the row checks; a repeated key and period is kept as a duplicate. */
  public void add(CheckedObservation row) {
    long key = 0;
    int[] positions = row.keyPositions();
    for (int d = 0; d < dimensions.size(); d++) {
      key |= (long) positions[d] << shifts[d];
    }
    if (row.period() != lastPeriod) {
      lastPeriod = row.period();
      lastPeriodId = periodIndex.computeIfAbsent(lastPeriod.text(), p -> add(periods, lastPeriod));
    }
    int periodId = lastPeriodId;
    int found = find(key, periodId);
    if (found >= 0) {
      if (duplicateCount == duplicates.length) {
        duplicates = Arrays.copyOf(duplicates, duplicateCount * 2);
      }
      duplicates[duplicateCount++] = ((long) found << 32) | ordinal(row.source().ordinal());
      return;
    }
    if (size == keys.length) {
      grow();
    }
    keys[size] = key;
    period[size] = periodId;
    if (lastUnit == null || row.unitMeasure() != lastUnit) {
      lastUnit = row.unitMeasure();
      lastUnitId = unitIndex.computeIfAbsent(lastUnit, u -> add(units, u));
    }
    unit[size] = lastUnitId;
    multiplier[size] = row.unitMult();
    refs[size] = ordinal(row.source().ordinal());
    byte rowFlags = row.deletion() ? DELETED : 0;
    BigDecimal value = row.value();
    if (value != null) {
      rowFlags |= HAS_VALUE;
      if (value.scale() == 0 && value.precision() <= 18) {
        unscaled[size] = value.longValue(); // no BigInteger made for the usual whole number
        scale[size] = 0;
      } else {
        BigInteger digits = value.unscaledValue();
        if (digits.bitLength() < 63
            && value.scale() > Byte.MIN_VALUE
            && value.scale() <= Byte.MAX_VALUE) {
          unscaled[size] = digits.longValue();
          scale[size] = (byte) value.scale();
        } else {
          largeValues.put(size, value);
          rowFlags |= LARGE;
        }
      }
    }
    flags[size] = rowFlags;
    insert(key, periodId, size);
    size++;
  }

  public int size() {
    return size;
  }

  /** The row with this key and period, or -1. */
  int find(long key, int periodId) {
    long hash = hash(key, periodId);
    int mask = slots.length - 1;
    for (int slot = (int) hash & mask; ; slot = (slot + 1) & mask) {
      long entry = slots[slot];
      if (entry == 0) {
        return -1;
      }
      // The hash's high half is kept in the slot, so that rows of other keys are passed over
      // without reading their key (a cache miss each, with rows in random order).
      int row = (int) entry - 1;
      if ((entry >>> 32) == (hash >>> 32) && keys[row] == key && period[row] == periodId) {
        return row;
      }
    }
  }

  /** The row with these codes and period, or -1. */
  int find(List<String> key, String periodText) {
    Integer periodId = periodIndex.get(periodText);
    if (periodId == null) {
      return -1;
    }
    long packed = 0;
    for (int d = 0; d < dimensions.size(); d++) {
      Integer code = codeIndexes.get(d).get(key.get(d));
      if (code == null) {
        return -1;
      }
      packed |= (long) code << shifts[d];
    }
    return find(packed, periodId);
  }

  long key(int row) {
    return keys[row];
  }

  int period(int row) {
    return period[row];
  }

  String periodText(int row) {
    return periods.get(period[row]).text();
  }

  /** Every period of the rows, each once. */
  public List<TimePeriod> periods() {
    return List.copyOf(periods);
  }

  int unit(int row) {
    return unit[row];
  }

  int multiplier(int row) {
    return multiplier[row];
  }

  long ref(int row) {
    return refs[row];
  }

  boolean hasValue(int row) {
    return (flags[row] & HAS_VALUE) != 0;
  }

  boolean deleted(int row) {
    return (flags[row] & DELETED) != 0;
  }

  /** The value is held as {@link #unscaled} and {@link #scale} (not too large for a long). */
  boolean compact(int row) {
    return (flags[row] & (HAS_VALUE | LARGE)) == HAS_VALUE;
  }

  long unscaled(int row) {
    return unscaled[row];
  }

  byte scale(int row) {
    return scale[row];
  }

  BigDecimal value(int row) {
    if (!hasValue(row)) {
      return null;
    }
    BigDecimal large = (flags[row] & LARGE) != 0 ? largeValues.get(row) : null;
    return large != null ? large : BigDecimal.valueOf(unscaled[row], scale[row]);
  }

  /** The position of a code in dimension {@code d}'s code list, or -1. */
  int codeIndex(int d, String code) {
    Integer index = codeIndexes.get(d).get(code);
    return index == null ? -1 : index;
  }

  int code(long key, int d) {
    return (int) ((key & masks[d]) >>> shifts[d]);
  }

  String codeId(long key, int d) {
    return codes.get(d).get(code(key, d));
  }

  long withCode(long key, int d, int code) {
    return (key & ~masks[d]) | ((long) code << shifts[d]);
  }

  long mask(int d) {
    return masks[d];
  }

  /** The codes of a key joined by dots, as series keys are written. */
  String seriesKey(long key) {
    StringBuilder text = new StringBuilder();
    for (int d = 0; d < dimensions.size(); d++) {
      text.append(d == 0 ? "" : ".").append(codeId(key, d));
    }
    return text.toString();
  }

  /**
   * The duplicates, each as the first row with the key and period in the high half and the source
   * ordinal of a later one in the low half, sorted: by first row, then by source.
   */
  long[] duplicates() {
    long[] sorted = Arrays.copyOf(duplicates, duplicateCount);
    Arrays.sort(sorted);
    return sorted;
  }

  private static <T> int add(List<T> values, T value) {
    values.add(value);
    return values.size() - 1;
  }

  private static int ordinal(long ordinal) {
    if (ordinal > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("Row " + ordinal + " is beyond the rows a submission has");
    }
    return (int) ordinal;
  }

  /** MurmurHash3's 64-bit finaliser: every bit of the key moves the low bits that pick a slot. */
  private static long hash(long key, int periodId) {
    long h = key * 31 + periodId;
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return h;
  }

  private void insert(long key, int periodId, int row) {
    if ((size + 1) * 2 > slots.length) {
      rehash();
    }
    place(hash(key, periodId), row);
  }

  /** Puts a row in the first free slot from its hash's: its row + 1 and the hash's high half. */
  private void place(long hash, int row) {
    int mask = slots.length - 1;
    int slot = (int) hash & mask;
    while (slots[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    slots[slot] = (hash & 0xFFFFFFFF00000000L) | (row + 1);
  }

  private void rehash() {
    slots = new long[slots.length * 2];
    for (int row = 0; row < size; row++) {
      place(hash(keys[row], period[row]), row);
    }
  }

  private void grow() {
    int capacity = keys.length + keys.length / 2;
    keys = Arrays.copyOf(keys, capacity);
    period = Arrays.copyOf(period, capacity);
    unit = Arrays.copyOf(unit, capacity);
    multiplier = Arrays.copyOf(multiplier, capacity);
    unscaled = Arrays.copyOf(unscaled, capacity);
    scale = Arrays.copyOf(scale, capacity);
    flags = Arrays.copyOf(flags, capacity);
    refs = Arrays.copyOf(refs, capacity);
  }
}
