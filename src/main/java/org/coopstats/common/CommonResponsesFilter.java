package org.coopstats.common;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;

/**
 * Adds to every API operation the error responses any request can get: 500 and 503. Registered in
 * application.properties (mp.openapi.filter).
 */
public class CommonResponsesFilter implements OASFilter {

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    for (PathItem item : openAPI.getPaths().getPathItems().values()) {
      if (item.getOperations() == null) {
        continue;
      }
      for (Operation operation : item.getOperations().values()) {
        var responses = operation.getResponses();
        if (responses == null) {
          continue;
        }
        if (!responses.hasAPIResponse("500")) {
          responses.addAPIResponse(
              "500", OASFactory.createAPIResponse().ref("#/components/responses/InternalError"));
        }
        if (!responses.hasAPIResponse("503")) {
          responses.addAPIResponse(
              "503",
              OASFactory.createAPIResponse().ref("#/components/responses/ServiceUnavailable"));
        }
      }
    }
  }
}
