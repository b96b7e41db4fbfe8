package org.coopstats.query.http;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies the body of a miss marked by {@link ResponseCacheFilters} as it is written (whatever
 * writes it: a JSON page, a CSV or SDMX stream) and keeps it once the write has ended without an
 * error. A body past the per-entry bound stops being copied and streams on as before.
 */
@Provider
public class ResponseCacheWriter implements WriterInterceptor {

  /** Set again on each answer, or not kept. Content-Type is kept as the resource wrote it. */
  private static final Set<String> NOT_KEPT =
      Set.of(
          HttpHeaders.CONTENT_LENGTH.toLowerCase(java.util.Locale.ROOT),
          ResponseCacheFilters.X_CACHE.toLowerCase(java.util.Locale.ROOT));

  private final ResponseCache cache;

  public ResponseCacheWriter(ResponseCache cache) {
    this.cache = cache;
  }

  @Override
  public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
    Object keep = context.getProperty(ResponseCacheFilters.KEEP);
    if (!(keep instanceof ResponseCacheFilters.Keep where)) {
      context.proceed();
      return;
    }
    Copy copy = new Copy(context.getOutputStream(), cache.maxEntryBytes());
    context.setOutputStream(copy);
    context.proceed();
    if (!copy.overflowed()) {
      cache.keep(where.key(), where.moment(), answer(context, copy.bytes()));
    }
  }

  private static ResponseCache.Answer answer(WriterInterceptorContext context, byte[] body) {
    List<Map.Entry<String, List<Object>>> headers = new ArrayList<>();
    EntityTag etag = null;
    Date lastModified = null;
    Object cacheControl = null;
    for (Map.Entry<String, List<Object>> header : context.getHeaders().entrySet()) {
      String name = header.getKey().toLowerCase(java.util.Locale.ROOT);
      if (NOT_KEPT.contains(name) || header.getValue().isEmpty()) {
        continue;
      }
      List<Object> values = header.getValue().stream().filter(v -> v != null).toList();
      if (values.isEmpty()) {
        continue;
      }
      headers.add(new AbstractMap.SimpleImmutableEntry<>(header.getKey(), values));
      Object first = values.get(0);
      switch (name) {
        case "etag" ->
            etag = first instanceof EntityTag tag ? tag : EntityTag.valueOf(first.toString());
        case "last-modified" -> lastModified = first instanceof Date date ? date : null;
        case "cache-control" -> cacheControl = first;
        default -> {}
      }
    }
    return new ResponseCache.Answer(
        body, context.getMediaType(), List.copyOf(headers), etag, lastModified, cacheControl);
  }

  /** Passes everything on and keeps a copy of the first {@code limit} bytes. */
  private static final class Copy extends FilterOutputStream {

    private final long limit;
    private ByteArrayOutputStream copy = new ByteArrayOutputStream(4096);

    Copy(OutputStream out, long limit) {
      super(out);
      this.limit = limit;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      if (copy != null) {
        copy.write(b);
        checkLimit();
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      if (copy != null) {
        copy.write(b, off, len);
        checkLimit();
      }
    }

    private void checkLimit() {
      if (copy.size() > limit) {
        copy = null;
      }
    }

    boolean overflowed() {
      return copy == null;
    }

    byte[] bytes() {
      return copy.toByteArray();
    }
  }
}
