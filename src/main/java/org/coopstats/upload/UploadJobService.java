package org.coopstats.upload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.coopstats.common.Page;
import org.coopstats.common.PageRequest;
import org.coopstats.common.ProblemException;
import org.coopstats.dataset.Dataset;
import org.coopstats.dataset.DatasetService;
import org.coopstats.security.Access;
import org.coopstats.security.Role;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs large uploads in the background: the body is spooled to a file, then read, checked and
 * stored by {@link UploadService} exactly as a direct upload, in one transaction, so a failed or
 * cancelled job leaves nothing behind.
 *
 * <p>Several instances may share one database. A job's state, its cancel request and its decision
 * to store live in its row, so any instance shows it truthfully and any instance can cancel it; the
 * instance that runs it (its owner) heartbeats it, and another instance recovers it only once that
 * heartbeat is stale. The body is spooled to {@code coopstats.upload.spool-dir} (a directory every
 * instance may share). A job runs with its submitter's identity and rights.
 */
@ApplicationScoped
public class UploadJobService {

  /** A job as the API shows it. */
  public record JobView(
      long id,
      long datasetId,
      String status,
      String phase,
      long bytes,
      long rowsRead,
      long rowsChecked,
      long rowsStored,
      OffsetDateTime createdAt,
      OffsetDateTime startedAt,
      OffsetDateTime finishedAt,
      String submittedBy,
      String instance,
      OffsetDateTime heartbeatAt,
      boolean cancelRequested,
      JsonNode result) {}

  private static final Logger LOG = Logger.getLogger(UploadJobService.class);
  private static final String CANCELLED_DETAIL =
      "The upload was cancelled; nothing of it was stored.";
  private static final String UNFINISHED = "('QUEUED', 'RUNNING')";

  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final ScheduledExecutorService heartbeats =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "upload-job-heartbeat");
            t.setDaemon(true);
            return t;
          });
  private final Map<Long, JobProgress> running = new ConcurrentHashMap<>();
  private final UploadLimits limits;
  private final JobSettings settings;
  private final DatasetService datasets;
  private final Access access;
  private final ObjectMapper json;
  private final Clock clock;
  private final DataSource dataSource;
  private final CurrentIdentityAssociation identities;
  private final Path spoolDir;
  private final String instanceId;

  /** When this run started: this instance's name on a job created before is an earlier run's. */
  private volatile OffsetDateTime startedAt;

  public UploadJobService(
      UploadLimits limits,
      JobSettings settings,
      DatasetService datasets,
      Access access,
      ObjectMapper json,
      Clock clock,
      DataSource dataSource,
      CurrentIdentityAssociation identities,
      @ConfigProperty(name = "coopstats.upload.spool-dir") Optional<String> spoolDir) {
    this.limits = limits;
    this.settings = settings;
    this.datasets = datasets;
    this.access = access;
    this.json = json;
    this.clock = clock;
    this.dataSource = dataSource;
    this.identities = identities;
    this.spoolDir =
        Path.of(spoolDir.orElse(System.getProperty("java.io.tmpdir") + "/coopstats-spool"));
    this.instanceId = settings.instanceId().orElse("instance-" + UUID.randomUUID());
    this.startedAt = now();
  }

  /**
   * Recovers the jobs of instances that have stopped (never a live one's), then heartbeats this
   * instance's jobs and recovers again on every beat.
   */
  void onStart(@Observes StartupEvent event) {
    try {
      Files.createDirectories(spoolDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the spool directory " + spoolDir, e);
    }
    LOG.infof("Upload jobs: instance %s, spooling to %s", instanceId, spoolDir);
    startedAt = now();
    recoverStale();
    long every = Math.max(1, settings.heartbeatInterval().toMillis());
    heartbeats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
  }

  void onStop(@Observes ShutdownEvent event) {
    heartbeats.shutdownNow();
    running.values().forEach(UploadProgress::cancel);
    executor.shutdownNow();
  }

  String instanceId() {
    return instanceId;
  }

  private void beat() {
    try {
      heartbeat();
      recoverStale();
    } catch (RuntimeException e) {
      // the database may be away for a while; the next beat tries again
      LOG.warnf("Upload job heartbeat failed: %s", e.getMessage());
    }
  }

  /** Tells every instance that this one still runs its jobs, and how far they have got. */
  void heartbeat() {
    if (running.isEmpty()) {
      return;
    }
    OffsetDateTime now = now();
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                jdbc(
                    connection -> {
                      // SKIP LOCKED: a job whose row is locked is being stored right now
                      try (PreparedStatement update =
                          connection.prepareStatement(
                              "UPDATE upload_job SET heartbeat_at = ?, phase = ?, rows_read = ?,"
                                  + " rows_checked = ?, rows_stored = ? WHERE id = (SELECT id FROM"
                                  + " upload_job WHERE id = ? AND owner_instance = ? AND status IN "
                                  + UNFINISHED
                                  + " FOR UPDATE SKIP LOCKED)")) {
                        for (Map.Entry<Long, JobProgress> job : running.entrySet()) {
                          UploadProgress progress = job.getValue();
                          update.setObject(1, now);
                          update.setString(2, progress.phase());
                          update.setLong(3, progress.rowsRead());
                          update.setLong(4, progress.rowsChecked());
                          update.setLong(5, progress.rowsStored());
                          update.setLong(6, job.getKey());
                          update.setString(7, instanceId);
                          update.addBatch();
                        }
                        update.executeBatch();
                      }
                      return null;
                    }));
  }

  /**
   * Ends the unfinished jobs whose owner has stopped: its heartbeat is older than {@code
   * coopstats.jobs.stale-after}, or it is this instance's own name on a job created before this run
   * started (an earlier run's). A job that had stored its rows (stored_at is written in the storing
   * transaction) ends SUCCEEDED, one with an accepted cancel CANCELLED, any other FAILED; nothing
   * of those two was stored, since their transaction died with their owner. A job whose row is
   * locked is skipped: a live transaction works on it. Returns the jobs recovered.
   */
  List<Long> recoverStale() {
    OffsetDateTime now = now();
    OffsetDateTime staleBefore = now.minus(settings.staleAfter());
    Long[] mine = running.keySet().toArray(Long[]::new);
    List<Long> recovered =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    jdbc(
                        connection -> {
                          try (PreparedStatement update =
                              connection.prepareStatement(
                                  "UPDATE upload_job SET status = CASE WHEN stored_at IS NOT NULL"
                                      + " THEN 'SUCCEEDED' WHEN cancel_requested_at IS NOT NULL THEN"
                                      + " 'CANCELLED' ELSE 'FAILED' END, result = CASE WHEN"
                                      + " stored_at IS NOT NULL THEN ? WHEN cancel_requested_at IS"
                                      + " NOT NULL THEN ? ELSE ? END, phase = 'done', finished_at ="
                                      + " ? WHERE id IN (SELECT id FROM upload_job WHERE status IN "
                                      + UNFINISHED
                                      + " AND (owner_instance IS NULL OR heartbeat_at IS NULL OR"
                                      + " heartbeat_at < ? OR (owner_instance = ? AND created_at <"
                                      + " ?)) AND NOT (id = ANY (?)) FOR UPDATE SKIP LOCKED)"
                                      + " RETURNING id")) {
                            update.setString(1, STORED_BY_STOPPED_INSTANCE);
                            update.setString(2, json(cancelledProblem()));
                            update.setString(3, INTERRUPTED);
                            update.setObject(4, now);
                            update.setObject(5, staleBefore);
                            update.setString(6, instanceId);
                            // this run's own jobs are its to end: one just queued is not yet in
                            // running, and a beat between the two once failed it at once
                            update.setObject(7, startedAt);
                            update.setArray(8, connection.createArrayOf("bigint", mine));
                            List<Long> ids = new ArrayList<>();
                            try (ResultSet rs = update.executeQuery()) {
                              while (rs.next()) {
                                ids.add(rs.getLong(1));
                              }
                            }
                            return ids;
                          }
                        }));
    for (long id : recovered) {
      LOG.warnf("Upload job %d: its instance stopped; recovered as ended", id);
      deleteQuietly(spoolFile(id));
    }
    return recovered;
  }

  private static final String INTERRUPTED =
      "{\"status\":500,\"title\":\"Interrupted\",\"detail\":\"The instance that ran this job"
          + " stopped before it ended; nothing of it was stored. Send the file again.\"}";
  private static final String STORED_BY_STOPPED_INSTANCE =
      "{\"detail\":\"The rows were stored, but the instance that ran this job stopped before it"
          + " recorded the upload's result; the dataset's audit log names the submission.\"}";

  /**
   * Checks the caller's rights, spools the body and queues the job, owned by this instance; the
   * command's body is read here, its progress is the job's own.
   */
  public JobView submit(UploadCommand command) {
    access.requireAuthenticated();
    Dataset dataset = datasets.requireVisible(command.datasetId());
    access.require(Role.SUBMITTER, dataset.providerId);
    // the job runs as this identity, with the rights it has now
    SecurityIdentity submitter = identities.getIdentity();
    Path part = spoolChecked(command);
    long bytes;
    try {
      bytes = Files.size(part);
    } catch (IOException e) {
      deleteQuietly(part);
      throw new UncheckedIOException(e);
    }
    UploadJob job;
    try {
      job = queue(command, dataset, bytes);
    } catch (RuntimeException e) {
      deleteQuietly(part);
      throw e;
    }
    Path file = spoolFile(job.id);
    try {
      Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JobProgress progress = new JobProgress(job.id);
    progress.phase = "queued";
    running.put(job.id, progress);
    long jobId = job.id;
    // the job reads the spooled file, not the request's body
    UploadCommand spooled = command.withBody(null, -1);
    executor.submit(() -> run(jobId, file, spooled, submitter, progress));
    return view(job);
  }

  /**
   * The command's body in a spool file; a workbook past the bounds is refused now, with a 413,
   * rather than by a failing job.
   */
  private Path spoolChecked(UploadCommand command) {
    Path part = spool(new SizeLimitedInputStream(command.body(), limits.maxBytes()));
    if (command.format() == UploadService.Format.XLSX) {
      try {
        XlsxRowSource.checkDeclaredSizes(part, limits);
      } catch (ProblemException e) {
        deleteQuietly(part);
        throw e;
      }
    }
    return part;
  }

  /** Records the job, queued and owned by this instance, in a transaction of its own. */
  private UploadJob queue(UploadCommand command, Dataset dataset, long bytes) {
    String actor = access.actor();
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              UploadJob j = new UploadJob();
              j.datasetId = command.datasetId();
              j.providerId = dataset.providerId;
              j.actor = actor;
              j.status = UploadJob.QUEUED;
              j.phase = "queued";
              j.format = command.format().name();
              j.mode = command.mode().name();
              j.dryRun = command.dryRun();
              j.bytes = bytes;
              j.createdAt = now();
              j.ownerInstance = instanceId;
              j.heartbeatAt = j.createdAt;
              j.persist();
              return j;
            });
  }

  public JobView get(long jobId) {
    UploadJob job = requireInsider(jobId);
    return view(job);
  }

  public Page<JobView> list(long datasetId, PageRequest page) {
    Dataset dataset = datasets.requireVisible(datasetId);
    access.requireAuthenticated();
    if (!access.canSeeUnreleased(dataset.providerId)) {
      throw forbidden();
    }
    var query = UploadJob.<UploadJob>find("datasetId = ?1 order by id desc", datasetId);
    return new Page<>(
        query.range(page.offset(), page.offset() + page.limit() - 1).list().stream()
            .map(this::view)
            .toList(),
        query.count(),
        page.offset(),
        page.limit());
  }

  /**
   * Asks a queued or running job to stop, on whichever instance it runs: the cancel is recorded in
   * its row, where its owner looks for it between batches of rows. It is accepted only while the
   * owner has not decided to store (both are decided on the row, so exactly one wins); an accepted
   * cancel always ends the job CANCELLED, with nothing stored.
   */
  public JobView cancel(long jobId) {
    UploadJob job = requireInsider(jobId);
    access.require(Role.SUBMITTER, job.providerId);
    if (job.isFinished()) {
      throw ProblemException.conflict("Job " + jobId + " has already ended: " + job.status + ".");
    }
    OffsetDateTime now = now();
    int accepted =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    jdbc(
                        connection -> {
                          try (PreparedStatement update =
                              connection.prepareStatement(
                                  "UPDATE upload_job SET cancel_requested_at ="
                                      + " COALESCE(cancel_requested_at, ?) WHERE id = ? AND status"
                                      + " IN "
                                      + UNFINISHED
                                      + " AND settled_at IS NULL")) {
                            update.setObject(1, now);
                            update.setLong(2, jobId);
                            return update.executeUpdate();
                          }
                        }));
    if (accepted == 0) {
      throw ProblemException.conflict(
          "Job "
              + jobId
              + " can no longer be cancelled: it is storing its rows or has just ended. Read the"
              + " job to see how it ended.");
    }
    // recorded: tell this instance's run at once if it is here (another instance polls for it)
    Optional.ofNullable(running.get(jobId)).ifPresent(UploadProgress::cancel);
    JobView view = view(job);
    return new JobView(
        view.id(),
        view.datasetId(),
        view.status(),
        view.phase(),
        view.bytes(),
        view.rowsRead(),
        view.rowsChecked(),
        view.rowsStored(),
        view.createdAt(),
        view.startedAt(),
        view.finishedAt(),
        view.submittedBy(),
        view.instance(),
        view.heartbeatAt(),
        true,
        view.result());
  }

  private void run(
      long jobId,
      Path file,
      UploadCommand command,
      SecurityIdentity submitter,
      JobProgress progress) {
    ManagedContext requestContext = Arc.container().requestContext();
    requestContext.activate();
    String status;
    Object result;
    try (InputStream in = Files.newInputStream(file)) {
      // the submitter's identity: UploadService checks the rights as that user
      Arc.container().instance(CurrentIdentityAssociation.class).get().setIdentity(submitter);
      progress.checkCancelled();
      if (!markRunning(jobId)) {
        // another instance ended it (took this one for dead): its ending stands
        LOG.warnf("Upload job %d ended elsewhere before it started here", jobId);
        running.remove(jobId);
        return;
      }
      progress.phase = "reading and checking rows";
      UploadService uploads = Arc.container().instance(UploadService.class).get();
      result = uploads.upload(command.withBody(in, Files.size(file)).withProgress(progress));
      status = UploadJob.SUCCEEDED;
    } catch (UploadProgress.CancelledException e) {
      status = UploadJob.CANCELLED;
      result = cancelledProblem();
    } catch (ProblemException e) {
      status = UploadJob.FAILED;
      result = problem(e.status(), e.title(), e.getMessage(), e.errors(), e.extensions());
    } catch (Exception | Error e) {
      // An Error (out of memory) must end the job too, or it would stay RUNNING for ever.
      LOG.errorf(e, "Upload job %d failed", jobId);
      status = UploadJob.FAILED;
      result =
          problem(
              500, "Internal error", "The job failed; nothing of it was stored.", null, Map.of());
    } finally {
      requestContext.terminate();
      deleteQuietly(file);
    }
    try {
      if (!progress.settle()) {
        // the cancel was accepted before this outcome was decided: it wins, and nothing was stored
        status = UploadJob.CANCELLED;
        result = cancelledProblem();
      }
      progress.phase = "done";
      finish(jobId, status, json(result), progress);
    } finally {
      running.remove(jobId);
    }
  }

  private boolean markRunning(long jobId) {
    OffsetDateTime now = now();
    return QuarkusTransaction.requiringNew()
            .call(
                () ->
                    UploadJob.update(
                        "status = ?1, startedAt = ?2, heartbeatAt = ?2, phase = ?3 where id = ?4"
                            + " and status = ?5 and ownerInstance = ?6",
                        UploadJob.RUNNING,
                        now,
                        "reading and checking rows",
                        jobId,
                        UploadJob.QUEUED,
                        instanceId))
        == 1;
  }

  /** Records how a job ended, unless it has ended already: a terminal state never changes. */
  private void finish(long jobId, String status, String result, UploadProgress progress) {
    OffsetDateTime now = now();
    int updated =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    UploadJob.update(
                        "status = ?1, rowsRead = ?2, rowsChecked = ?3, rowsStored = ?4,"
                            + " finishedAt = ?5, heartbeatAt = ?5, result = ?6, phase = 'done'"
                            + " where id = ?7 and status in ?8",
                        status,
                        progress.rowsRead(),
                        progress.rowsChecked(),
                        progress.rowsStored(),
                        now,
                        result,
                        jobId,
                        List.of(UploadJob.QUEUED, UploadJob.RUNNING)));
    if (updated == 0) {
      LOG.warnf("Upload job %d had already been ended elsewhere; it stays as it was", jobId);
    }
  }

  private UploadJob requireInsider(long jobId) {
    access.requireAuthenticated();
    UploadJob job =
        Optional.ofNullable(UploadJob.<UploadJob>findById(jobId))
            .filter(j -> access.canSeeUnreleased(j.providerId))
            .orElseThrow(() -> ProblemException.notFound("There is no upload job " + jobId + "."));
    return job;
  }

  private JobView view(UploadJob job) {
    UploadProgress progress = running.get(job.id);
    // this instance's own running job shows its live counts; any other, its last heartbeat's
    boolean live = progress != null && !job.isFinished();
    JsonNode result = null;
    if (job.result != null) {
      try {
        result = json.readTree(job.result);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    return new JobView(
        job.id,
        job.datasetId,
        job.status,
        live ? progress.phase() : job.isFinished() ? "done" : job.phase,
        job.bytes,
        live ? progress.rowsRead() : job.rowsRead,
        live ? progress.rowsChecked() : job.rowsChecked,
        live ? progress.rowsStored() : job.rowsStored,
        job.createdAt,
        job.startedAt,
        job.finishedAt,
        job.actor,
        job.ownerInstance,
        job.heartbeatAt,
        job.cancelRequestedAt != null,
        result);
  }

  /**
   * A running job's progress, whose cancel and decision to store are taken on its row, where every
   * instance sees them.
   */
  final class JobProgress extends UploadProgress {

    private final long jobId;
    private volatile Instant lastPoll = Instant.MIN;

    JobProgress(long jobId) {
      this.jobId = jobId;
    }

    @Override
    protected boolean settleElsewhere() {
      OffsetDateTime now = now();
      return QuarkusTransaction.requiringNew()
              .call(
                  () ->
                      UploadJob.update(
                          "settledAt = ?1, phase = 'storing' where id = ?2 and status in ?3 and"
                              + " cancelRequestedAt is null and settledAt is null and"
                              + " ownerInstance = ?4",
                          now,
                          jobId,
                          List.of(UploadJob.QUEUED, UploadJob.RUNNING),
                          instanceId))
          == 1;
    }

    @Override
    protected boolean cancelledElsewhere() {
      Instant now = clock.instant();
      if (lastPoll != Instant.MIN
          && Duration.between(lastPoll, now).compareTo(settings.cancelPollInterval()) < 0) {
        return false;
      }
      lastPoll = now;
      // a job ended elsewhere (its owner taken for dead) stops too: its ending stands
      return QuarkusTransaction.requiringNew()
              .call(
                  () ->
                      UploadJob.count(
                          "id = ?1 and (cancelRequestedAt is not null or status not in ?2)",
                          jobId,
                          List.of(UploadJob.QUEUED, UploadJob.RUNNING)))
          > 0;
    }

    @Override
    void stored() {
      // in the storing transaction: committed with the rows, or not at all. A job recovered
      // meanwhile by another instance (FAILED there) must not store: this rolls it back.
      OffsetDateTime now = now();
      int updated =
          jdbc(
              connection -> {
                try (PreparedStatement update =
                    connection.prepareStatement(
                        "UPDATE upload_job SET stored_at = ?, rows_stored = ? WHERE id = ? AND"
                            + " status = 'RUNNING' AND owner_instance = ?")) {
                  update.setObject(1, now);
                  update.setLong(2, rowsStored());
                  update.setLong(3, jobId);
                  update.setString(4, instanceId);
                  return update.executeUpdate();
                }
              });
      if (updated == 0) {
        throw new IllegalStateException(
            "Upload job " + jobId + " was ended by another instance; its rows are not stored.");
      }
    }
  }

  private interface Jdbc<T> {
    T apply(Connection connection) throws SQLException;
  }

  private <T> T jdbc(Jdbc<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.apply(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("Upload jobs: a database statement failed", e);
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }

  private Path spoolFile(long jobId) {
    return spoolDir.resolve("job-" + jobId + ".body");
  }

  /** Copies a body into the spool directory; the file is gone if the copy fails. */
  private Path spool(InputStream body) {
    Path file = null;
    try {
      file = Files.createTempFile(spoolDir, "upload-", ".part");
      Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException | RuntimeException e) {
      if (file != null) {
        deleteQuietly(file);
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new UncheckedIOException("Spooling the upload failed", (IOException) e);
    }
  }

  private String json(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> cancelledProblem() {
    return problem(409, "Cancelled", CANCELLED_DETAIL, null, Map.of());
  }

  private static Map<String, Object> problem(
      int status, String title, String detail, Object errors, Map<String, Object> extensions) {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("status", status);
    problem.put("title", title);
    problem.put("detail", detail);
    if (errors != null) {
      problem.put("errors", errors);
    }
    problem.putAll(extensions);
    return problem;
  }

  private static ProblemException forbidden() {
    return ProblemException.forbidden("Upload jobs are shown to the provider's users only.");
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warnf("Could not delete %s", file);
    }
  }
}
