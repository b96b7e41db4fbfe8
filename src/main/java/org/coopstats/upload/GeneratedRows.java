package org.coopstats.upload;

import java.io.InputStream;

/**
 * Makes the rows of an upload the service derives itself (a register's tabulation) from the request
 * that names them. The rows then take the path of every upload: checked, stored all or nothing into
 * the dataset's draft, reported, as a job with progress.
 */
public interface GeneratedRows {

  /**
   * The rows {@code request} names, for the draft of dataset {@code datasetId}; runs inside the
   * upload's transaction, with the submitter's identity.
   */
  RowSource open(long datasetId, InputStream request, UploadProgress progress);
}
