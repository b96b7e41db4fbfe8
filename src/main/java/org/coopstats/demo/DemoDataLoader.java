package org.coopstats.demo;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.coopstats.dataset.DatasetService;
import org.coopstats.dataset.DatasetViews.DatasetRequest;
import org.coopstats.provider.ProviderService;
import org.coopstats.provider.ProviderViews.ProviderRequest;
import org.coopstats.security.Access;
import org.coopstats.upload.UploadCommand;
import org.coopstats.upload.UploadService;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Loads the real Canadian and Tanzanian figures of the domain brief on the first start of an empty
 * database, through the same services as the API, so the explorer shows data at once.
 */
@jakarta.enterprise.context.ApplicationScoped
public class DemoDataLoader {

  private static final Logger LOG = Logger.getLogger(DemoDataLoader.class);

  @ActivateRequestContext
  void onStart(
      @Observes StartupEvent event,
      Access access,
      @ConfigProperty(name = "coopstats.demo.enabled") boolean enabled,
      ProviderService providers,
      DatasetService datasets,
      UploadService uploads) {
    if (!enabled || providers.count() > 0) {
      return;
    }
    access.actAsSystem("demo-loader");
    providers.create(new ProviderRequest("STATCAN", "Statistics Canada", "CAN"));
    providers.create(
        new ProviderRequest("TCDC", "Tanzania Cooperative Development Commission", "TZA"));
    load(
        datasets,
        uploads,
        new DatasetRequest(
            "STATCAN",
            "Non-financial cooperatives in Canada, 2018–2021",
            "SURVEY",
            "CALENDAR_YEAR",
            "Active non-financial cooperatives and their employment (Statistics Canada)."
                + " Provinces for 2021; the three territories (40 together) are in the national"
                + " total only.",
            null,
            "Statistics Canada"),
        "/demo/canada.csv");
    load(
        datasets,
        uploads,
        new DatasetRequest(
            "TCDC",
            "Registered cooperatives in mainland Tanzania, 2007–2008",
            "REGISTER",
            "CALENDAR_YEAR",
            "Registered primary cooperatives by national type, mapped to ICLS types by CoopStats:"
                + " producer (industrial, crop marketing, livestock, fishery, mining, transport),"
                + " consumer/user (SACCOs, service, housing, water users, consumers), unknown"
                + " (others). National labels and figures are kept in COMMENT_OBS.",
            null,
            "Tanzania Cooperative Development Commission"),
        "/demo/tanzania.csv");
    load(
        datasets,
        uploads,
        new DatasetRequest(
            "STATCAN",
            "Population of Canada, its provinces and territories, 2021",
            "CENSUS",
            "CALENDAR_YEAR",
            "Population counts on Census Day, 11 May 2021. The denominator of indicators such as"
                + " cooperatives per 100,000 inhabitants.",
            "CONTEXT",
            "Statistics Canada, 2021 Census of Population"),
        "/demo/canada-population.csv");
    LOG.info("Loaded the demo datasets (Canada, Tanzania, Canada's population)");
  }

  private static void load(
      DatasetService datasets, UploadService uploads, DatasetRequest request, String resource) {
    long id = datasets.create(request).id();
    try (InputStream csv = DemoDataLoader.class.getResourceAsStream(resource)) {
      uploads.upload(UploadCommand.of(id, UploadService.Format.CSV, csv));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    datasets.publish(id, null);
  }
}
