package io.github.distributedcounter.sample;

import io.github.distributedcounter.sample.ReportService.Report;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /reports/{tenant}}: a report on every fifth request per tenant across all instances. */
@RestController
class ReportController {

    private final ReportService reports;

    ReportController(ReportService reports) {
        this.reports = reports;
    }

    @PostMapping("/reports/{tenant}")
    Report report(@PathVariable String tenant) {
        Report report = reports.build(tenant);
        return report != null ? report : new Report(tenant, false);
    }
}
