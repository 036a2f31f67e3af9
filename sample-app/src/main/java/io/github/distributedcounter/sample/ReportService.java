package io.github.distributedcounter.sample;

import io.github.distributedcounter.EveryNCalls;
import org.springframework.stereotype.Service;

/**
 * Builds a tenant's report on every fifth call for that tenant, counted across all instances under a key that the
 * public counter API does not let clients change.
 */
@Service
public class ReportService {

    /** Returns the report, or {@code null} on the calls in between. */
    @EveryNCalls(n = 5, key = "'every-n-calls:report:' + #tenant")
    public Report build(String tenant) {
        return new Report(tenant, true);
    }

    public record Report(String tenant, boolean generated) {
    }
}
