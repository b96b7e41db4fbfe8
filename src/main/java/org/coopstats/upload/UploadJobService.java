package org.coopstats.upload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.coopstats.common.Page;
import org.coopstats.common.PageRequest;
import org.coopstats.common.ProblemException;
import org.coopstats.dataset.Dataset;
import org.coopstats.dataset.DatasetService;
import org.coopstats.security.Access;
import org.coopstats.security.Role;
import org.jboss.logging.Logger;

/**
 * Runs large uploads in the background: the body is spooled to a temporary file, then read, checked
 * and stored by {@link UploadService} exactly as a direct upload, in one transaction, so a failed
 * or cancelled job leaves nothing behind. Progress is kept in memory while a job runs and in the
 * database once it ends.
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
      JsonNode result) {}

  private static final Logger LOG = Logger.getLogger(UploadJobService.class);
  private static final String CANCELLED_DETAIL =
      "The upload was cancelled; nothing of it was stored.";

  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final Map<Long, UploadProgress> running = new ConcurrentHashMap<>();
  private final UploadLimits limits;
  private final DatasetService datasets;
  private final Access access;
  private final ObjectMapper json;

  public UploadJobService(
      UploadLimits limits, DatasetService datasets, Access access, ObjectMapper json) {
    this.limits = limits;
    this.datasets = datasets;
    this.access = access;
    this.json = json;
  }

  /** Jobs that were running when the service stopped did not finish: nothing of them stayed. */
  void onStart(@Observes StartupEvent event) {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                UploadJob.update(
                    "status = ?1, finishedAt = ?2, result = ?3 where status in ?4",
                    UploadJob.FAILED,
                    OffsetDateTime.now(),
                    "{\"title\":\"Interrupted\",\"detail\":\"The service restarted while this job"
                        + " ran; nothing of it was stored. Send the file again.\"}",
                    java.util.List.of(UploadJob.QUEUED, UploadJob.RUNNING)));
  }

  void onStop(@Observes ShutdownEvent event) {
    running.values().forEach(UploadProgress::cancel);
    executor.shutdownNow();
  }

  /** Checks the caller's rights, spools the body and queues the job. */
  public JobView submit(
      long datasetId,
      UploadService.Format format,
      UploadService.Mode mode,
      InputStream body,
      boolean dryRun,
      String idempotencyKey) {
    access.requireAuthenticated();
    Dataset dataset = datasets.requireVisible(datasetId);
    access.require(Role.SUBMITTER, dataset.providerId);
    Path file = UploadService.spool(new SizeLimitedInputStream(body, limits.maxBytes()));
    if (format == UploadService.Format.XLSX) {
      // a workbook past the bounds is refused now, with a 413, rather than by a failing job
      try {
        XlsxRowSource.checkDeclaredSizes(file, limits);
      } catch (ProblemException e) {
        file.toFile().delete();
        throw e;
      }
    }
    long bytes;
    try {
      bytes = Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String actor = access.actor();
    UploadJob job =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  UploadJob j = new UploadJob();
                  j.datasetId = datasetId;
                  j.providerId = dataset.providerId;
                  j.actor = actor;
                  j.status = UploadJob.QUEUED;
                  j.format = format.name();
                  j.mode = mode.name();
                  j.dryRun = dryRun;
                  j.bytes = bytes;
                  j.createdAt = OffsetDateTime.now();
                  j.persist();
                  return j;
                });
    UploadProgress progress = new UploadProgress();
    progress.phase = "queued";
    running.put(job.id, progress);
    long jobId = job.id;
    executor.submit(() -> run(jobId, file, format, mode, dryRun, idempotencyKey, actor, progress));
    return view(job);
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

  /** Asks a queued or running job to stop; it rolls back and stores nothing. */
  public JobView cancel(long jobId) {
    UploadJob job = requireInsider(jobId);
    access.require(Role.SUBMITTER, job.providerId);
    if (job.isFinished()) {
      throw ProblemException.conflict("Job " + jobId + " has already ended: " + job.status + ".");
    }
    boolean accepted =
        Optional.ofNullable(running.get(jobId)).map(UploadProgress::cancel).orElse(false);
    if (!accepted) {
      throw ProblemException.conflict(
          "Job "
              + jobId
              + " can no longer be cancelled: it is storing its rows or has just ended. Read the"
              + " job to see how it ended.");
    }
    return view(job);
  }

  private void run(
      long jobId,
      Path file,
      UploadService.Format format,
      UploadService.Mode mode,
      boolean dryRun,
      String idempotencyKey,
      String actor,
      UploadProgress progress) {
    ManagedContext requestContext = Arc.container().requestContext();
    requestContext.activate();
    String status;
    Object result;
    try (InputStream in = Files.newInputStream(file)) {
      Arc.container().instance(Access.class).get().actAsSystem(actor);
      progress.checkCancelled();
      update(jobId, UploadJob.RUNNING, null, progress, true);
      progress.phase = "reading and checking rows";
      UploadService uploads = Arc.container().instance(UploadService.class).get();
      result =
          uploads.upload(
              load(jobId).datasetId,
              format,
              mode,
              in,
              Files.size(file),
              dryRun,
              idempotencyKey,
              progress);
      status = UploadJob.SUCCEEDED;
    } catch (UploadProgress.CancelledException e) {
      status = UploadJob.CANCELLED;
      result = problem(409, "Cancelled", CANCELLED_DETAIL, null, Map.of());
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
    if (!progress.settle()) {
      // the cancel was accepted before this outcome was decided: it wins, and nothing was stored
      status = UploadJob.CANCELLED;
      result = problem(409, "Cancelled", CANCELLED_DETAIL, null, Map.of());
    }
    progress.phase = "done";
    try {
      update(jobId, status, json.writeValueAsString(result), progress, false);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    } finally {
      running.remove(jobId);
    }
  }

  private void update(
      long jobId, String status, String result, UploadProgress progress, boolean starting) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              UploadJob job = UploadJob.findById(jobId);
              job.status = status;
              job.rowsRead = progress.rowsRead();
              job.rowsChecked = progress.rowsChecked();
              job.rowsStored = progress.rowsStored();
              if (starting) {
                job.startedAt = OffsetDateTime.now();
              } else {
                job.finishedAt = OffsetDateTime.now();
                job.result = result;
              }
            });
  }

  private UploadJob load(long jobId) {
    return QuarkusTransaction.requiringNew().call(() -> UploadJob.findById(jobId));
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
        live ? progress.phase() : job.isFinished() ? "done" : "queued",
        job.bytes,
        live ? progress.rowsRead() : job.rowsRead,
        live ? progress.rowsChecked() : job.rowsChecked,
        live ? progress.rowsStored() : job.rowsStored,
        job.createdAt,
        job.startedAt,
        job.finishedAt,
        result);
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
    return new ProblemException(
        403, "forbidden", "Forbidden", "Upload jobs are shown to the provider's users only.");
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warnf("Could not delete %s", file);
    }
  }
}
