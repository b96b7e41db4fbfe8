package org.coopstats.sdmx;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.coopstats.common.ProblemException;
import org.coopstats.common.QueryBulkhead;
import org.coopstats.common.QueryParameters;
import org.coopstats.sdmx.SdmxFormats.DataFormat;
import org.coopstats.sdmx.SdmxV3Formats.StructureFormat;

/**
 * The SDMX 3.0 API (SDMX REST 2.x) for every structure of the service: structure, data,
 * availability and schema queries. A path may stop early: the segments left off take their defaults
 * ({@code *}, and {@code ~} for a version: every artefact here has one version). Errors are
 * application/problem+json, with the status codes SDMX prescribes.
 */
@Path("/sdmx/v3")
public class SdmxV3Resource {

  private final SdmxV3Service service;
  private final SdmxResource sdmx21;
  private final QueryBulkhead bulkhead;

  public SdmxV3Resource(SdmxV3Service service, SdmxResource sdmx21, QueryBulkhead bulkhead) {
    this.service = service;
    this.sdmx21 = sdmx21;
    this.bulkhead = bulkhead;
  }

  /** GET /structure/{type}/{agencyID}/{resourceID}/{version}/{itemID}, trailing parts optional. */
  @GET
  @Path("/structure/{type}{rest: (/[^/]+){0,4}}")
  public Response structure(
      @PathParam("type") String type,
      @PathParam("rest") String rest,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers) {
    List<String> path = segments(rest, 4);
    QueryParameters.rejectUnknown(uriInfo, SdmxV3Service.STRUCTURE_PARAMETERS);
    Map<String, List<String>> parameters = uriInfo.getQueryParameters();
    StructureFormat format =
        SdmxV3Formats.structureFormat(
            QueryParameters.single(parameters, "format"), () -> SdmxResource.accepted(headers));
    SdmxV3Structures.Query query =
        new SdmxV3Structures.Query(
            type,
            path.get(0),
            path.get(1),
            path.get(2),
            path.get(3),
            QueryParameters.single(parameters, "references"));
    SdmxMessage message =
        service.structure(query, QueryParameters.single(parameters, "detail"), format);
    return ok(message, format.mediaType);
  }

  /** GET /data/{context}/{agencyID}/{resourceID}/{version}/{key}, trailing parts optional. */
  @GET
  @Path("/data{rest: (/[^/]+){0,5}}")
  public Response data(
      @PathParam("rest") String rest,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers,
      @Context Request request) {
    List<String> path = segments(rest, 5);
    return sdmx21.data(
        () -> {
          Map<String, List<String>> parameters = uriInfo.getQueryParameters();
          DataFormat format =
              SdmxV3Formats.dataFormat(
                  QueryParameters.single(parameters, "format"),
                  () -> SdmxResource.accepted(headers));
          return service.prepareData(flowPath(path), path.get(4), parameters, format);
        },
        uriInfo,
        request);
  }

  /**
   * GET /availability/{context}/{agencyID}/{resourceID}/{version}/{key}/{componentID}, trailing
   * parts optional.
   */
  @GET
  @Path("/availability{rest: (/[^/]+){0,6}}")
  public Response availability(
      @PathParam("rest") String rest, @Context UriInfo uriInfo, @Context HttpHeaders headers) {
    List<String> path = segments(rest, 6);
    return bulkhead.run(
        () -> {
          Map<String, List<String>> parameters = uriInfo.getQueryParameters();
          StructureFormat format =
              SdmxV3Formats.structureFormat(
                  QueryParameters.single(parameters, "format"),
                  () -> SdmxResource.accepted(headers));
          SdmxMessage message =
              service.availability(flowPath(path), path.get(4), path.get(5), parameters, format);
          return ok(message, format.mediaType);
        });
  }

  /** GET /schema/{context}/{agencyID}/{resourceID}/{version}, the version optional. */
  @GET
  @Path("/schema/{context}/{agency}/{id}{rest: (/[^/]+)?}")
  public Response schema(
      @PathParam("context") String context,
      @PathParam("agency") String agency,
      @PathParam("id") String id,
      @PathParam("rest") String rest,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers) {
    String version = segments(rest, 1).get(0);
    QueryParameters.rejectUnknown(uriInfo, SdmxV3Service.SCHEMA_PARAMETERS);
    Map<String, List<String>> parameters = uriInfo.getQueryParameters();
    SdmxV3Formats.requireSchema(
        QueryParameters.single(parameters, "format"), () -> SdmxResource.accepted(headers));
    SdmxMessage schema =
        service.schema(
            new SdmxV3Service.FlowPath(context, agency, id, version),
            QueryParameters.single(parameters, "dimensionAtObservation"));
    return ok(schema, SdmxV3Formats.SCHEMA_ML_3);
  }

  /** The parts of SDMX REST 2.x not offered here: 501, as the standard says. */
  @GET
  @Path("/{resource: metadata|registration}{rest: (/.*)?}")
  public Response notImplemented(@PathParam("resource") String resource) {
    throw SdmxDataRequest.notImplemented(
        "/sdmx/v3/"
            + resource
            + " is not offered: there is no reference metadata or registry here. Offered:"
            + " structure, data, availability and schema.");
  }

  private static SdmxV3Service.FlowPath flowPath(List<String> path) {
    return new SdmxV3Service.FlowPath(path.get(0), path.get(1), path.get(2), path.get(3));
  }

  /** The segments of {@code rest} ("/a/b"), padded with nulls to {@code count}. */
  private static List<String> segments(String rest, int count) {
    List<String> segments = new ArrayList<>();
    if (rest != null && !rest.isEmpty()) {
      for (String segment : rest.substring(1).split("/", -1)) {
        segments.add(segment);
      }
    }
    if (segments.size() > count) {
      throw ProblemException.notFound("The path has more segments than the query takes.");
    }
    while (segments.size() < count) {
      segments.add(null);
    }
    return segments;
  }

  private static Response ok(SdmxMessage message, String type) {
    StreamingOutput body = message::writeTo;
    return Response.ok(body).type(type).header("Vary", "Accept").build();
  }
}
