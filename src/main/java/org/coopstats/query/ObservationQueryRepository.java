package org.coopstats.query;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;
import java.util.function.Supplier;
import org.coopstats.catalog.DataStructure;
import org.coopstats.common.Page;
import org.coopstats.observation.Landmarks;
import org.coopstats.observation.ObservationCursor;
import org.coopstats.observation.ObservationQuery;
import org.coopstats.observation.ObservationReader;
import org.coopstats.observation.ObservationRow;

/**
 * What the observation queries read: the observations, through their tables' owner ({@link
 * ObservationReader}). Reads of released data go where {@link ReadRoute} sends them (a read replica
 * that has reached the current release, or the primary); what only a provider sees (draft, preview)
 * is always read on the primary.
 */
@ApplicationScoped
public class ObservationQueryRepository {

  private final ReadRoute route;
  private final ObservationReader observations;

  public ObservationQueryRepository(ReadRoute route, ObservationReader observations) {
    this.route = route;
    this.observations = observations;
  }

  private <T> T released(ObservationQuery query, Function<ObservationReader, T> read) {
    if (query.visibility().isUnreleased()) {
      return read.apply(observations);
    }
    return route.released(source -> read.apply(observations.on(source)));
  }

  /** The page of observations {@code query} asks for, with their count. */
  public Page<ObservationRow> find(ObservationQuery query, DataStructure structure) {
    return released(query, reader -> reader.find(query, structure));
  }

  /**
   * The page of observations {@code query} (a released view) asks for, its total and deep pages
   * from {@code landmarks} (see {@link ObservationReader#find(ObservationQuery, DataStructure, int,
   * Supplier)}).
   */
  public Page<ObservationRow> find(
      ObservationQuery query, DataStructure structure, int every, Supplier<Landmarks> landmarks) {
    return released(query, reader -> reader.find(query, structure, every, landmarks));
  }

  /** The total of {@code query} (a released view) and its landmarks, in one pass. */
  public Landmarks landmarks(ObservationQuery query, DataStructure structure, int every) {
    return released(query, reader -> reader.landmarks(query, structure, every));
  }

  /**
   * A cursor on every row {@code query} asks for (its page aside), its first row read: for an
   * answer written as it reads (SDMX data). The caller closes it.
   */
  public ObservationCursor open(ObservationQuery query, DataStructure structure) {
    return released(query, reader -> reader.open(query, structure));
  }

  /**
   * A cursor on the page of rows {@code query} asks for, and its total: {@code marks}' for a
   * released view, else counted (see {@link ObservationReader#openPage}). The caller closes it.
   */
  public ObservationReader.PageCursor openPage(
      ObservationQuery query, DataStructure structure, Landmarks marks) {
    return released(query, reader -> reader.openPage(query, structure, marks));
  }

  /**
   * The distinct codes per series dimension of the rows {@code query} asks for, and their range.
   */
  public ObservationReader.DistinctCodes distinctCodes(
      ObservationQuery query, DataStructure structure) {
    return released(query, reader -> reader.distinctCodes(query, structure));
  }
}
