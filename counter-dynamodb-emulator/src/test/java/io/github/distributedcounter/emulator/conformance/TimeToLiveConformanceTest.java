package io.github.distributedcounter.emulator.conformance;

import static io.github.distributedcounter.emulator.conformance.TxTables.item;
import static io.github.distributedcounter.emulator.conformance.TxTables.key;
import static io.github.distributedcounter.emulator.conformance.TxTables.n;
import static io.github.distributedcounter.emulator.conformance.TxTables.s;
import static io.github.distributedcounter.emulator.conformance.TxTables.uniqueKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.distributedcounter.emulator.DynamoDbEmulatorTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveResponse;

/**
 * UpdateTimeToLive, DescribeTimeToLive and the deletion of expired items, over HTTP on the shared engine (whose
 * clock is the system clock). The engine settles a change in one second where DynamoDB takes up to an hour, and
 * deletes expired items within about a second where DynamoDB takes up to a few days; the waits below are bounded
 * by a few seconds. (The exact boundaries, including an expired item that still reads until it is deleted, are
 * tested with a clock the test drives in {@code internal.TimeToLiveSweepTest}.)
 *
 * <p>Expected outcomes come from:
 * <ul>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html">
 *       UpdateTimeToLive</a>: returns the TimeToLiveSpecification; up to an hour to process, during which another
 *       UpdateTimeToLive on the table is a ValidationException; an item expires when its TTL attribute, in epoch
 *       seconds, is less than the current time</li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTimeToLive.html">
 *       DescribeTimeToLive</a> and
 *       <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TimeToLiveDescription.html">
 *       TimeToLiveDescription</a>: ENABLING, DISABLING, ENABLED, DISABLED</li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html">Using time to live
 *       (TTL) in DynamoDB</a>: the TTL attribute must be a Number; items whose TTL attribute is of another type
 *       are ignored</li>
 *   <li><a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-before-you-start.html">
 *       Computing time to live</a>: to be considered for expiry, the TTL can't be more than five years in the
 *       past</li>
 *   <li>the exact messages as DynamoDB returns them, in users' code and reports: "TimeToLive is already enabled",
 *       "TimeToLive is already disabled", "TimeToLive is active on a different AttributeName: current
 *       AttributeName is …", "Time to live has been modified multiple times within a fixed interval", and
 *       "Requested resource not found: Table: … not found" (from the tests dynalite runs against DynamoDB)</li>
 * </ul>
 */
@DynamoDbEmulatorTest
class TimeToLiveConformanceTest {

    private static final Duration SETTLE = Duration.ofSeconds(5);

    private final DynamoDbClient client;

    TimeToLiveConformanceTest(DynamoDbClient client) {
        this.client = client;
    }

    private UpdateTimeToLiveResponse update(String table, boolean enabled, String attribute) {
        return client.updateTimeToLive(b -> b.tableName(table).timeToLiveSpecification(
                TimeToLiveSpecification.builder().enabled(enabled).attributeName(attribute).build()));
    }

    private TimeToLiveDescription describe(String table) {
        return client.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();
    }

    private DynamoDbException validationError(String table, boolean enabled, String attribute) {
        DynamoDbException error = catchThrowableOfType(DynamoDbException.class,
                () -> update(table, enabled, attribute));
        assertThat(error).isNotNull();
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(error.statusCode()).isEqualTo(400);
        return error;
    }

    /** Waits, at most {@link #SETTLE}, until the table's TTL status is {@code status}. */
    private void awaitStatus(String table, TimeToLiveStatus status) throws InterruptedException {
        Instant deadline = Instant.now().plus(SETTLE);
        while (describe(table).timeToLiveStatus() != status) {
            assertThat(Instant.now()).as("TTL status %s within %s", status, SETTLE).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private String tableWithTtlEnabled(String attribute) throws InterruptedException {
        String table = TxTables.create(client, "ttl");
        update(table, true, attribute);
        awaitStatus(table, TimeToLiveStatus.ENABLED);
        return table;
    }

    private Map<String, AttributeValue> get(String table, String pk) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(key(pk)).consistentRead(true))
                .item();
        return item.isEmpty() ? null : item;
    }

    @Test
    void aNewTableHasTimeToLiveDisabledWithoutAnAttribute() {
        String table = TxTables.create(client, "ttl");

        assertThat(describe(table)).isEqualTo(TimeToLiveDescription.builder()
                .timeToLiveStatus(TimeToLiveStatus.DISABLED).build());
    }

    @Test
    void enablingReturnsTheSpecificationAndSettlesFromEnablingToEnabled() throws InterruptedException {
        String table = TxTables.create(client, "ttl");

        UpdateTimeToLiveResponse response = update(table, true, "expiresAt");

        assertThat(response.timeToLiveSpecification()).isEqualTo(TimeToLiveSpecification.builder().enabled(true)
                .attributeName("expiresAt").build());
        assertThat(describe(table)).isEqualTo(TimeToLiveDescription.builder()
                .timeToLiveStatus(TimeToLiveStatus.ENABLING).attributeName("expiresAt").build());
        awaitStatus(table, TimeToLiveStatus.ENABLED);
        assertThat(describe(table).attributeName()).isEqualTo("expiresAt");
    }

    @Test
    void disablingSettlesFromDisablingToDisabledWithoutAnAttribute() throws InterruptedException {
        String table = tableWithTtlEnabled("expiresAt");

        UpdateTimeToLiveResponse response = update(table, false, "expiresAt");

        assertThat(response.timeToLiveSpecification()).isEqualTo(TimeToLiveSpecification.builder().enabled(false)
                .attributeName("expiresAt").build());
        assertThat(describe(table)).isEqualTo(TimeToLiveDescription.builder()
                .timeToLiveStatus(TimeToLiveStatus.DISABLING).attributeName("expiresAt").build());
        awaitStatus(table, TimeToLiveStatus.DISABLED);
        assertThat(describe(table)).isEqualTo(TimeToLiveDescription.builder()
                .timeToLiveStatus(TimeToLiveStatus.DISABLED).build());
    }

    @Test
    void enablingWhenEnabledIsRejected() throws InterruptedException {
        String table = tableWithTtlEnabled("expiresAt");

        assertThat(validationError(table, true, "expiresAt").awsErrorDetails().errorMessage())
                .isEqualTo("TimeToLive is already enabled");
        assertThat(validationError(table, true, "other").awsErrorDetails().errorMessage())
                .isEqualTo("TimeToLive is active on a different AttributeName: current AttributeName is expiresAt");
        assertThat(validationError(table, false, "other").awsErrorDetails().errorMessage())
                .isEqualTo("TimeToLive is active on a different AttributeName: current AttributeName is expiresAt");
        assertThat(describe(table)).isEqualTo(TimeToLiveDescription.builder()
                .timeToLiveStatus(TimeToLiveStatus.ENABLED).attributeName("expiresAt").build());
    }

    @Test
    void disablingWhenDisabledIsRejected() {
        String table = TxTables.create(client, "ttl");

        assertThat(validationError(table, false, "expiresAt").awsErrorDetails().errorMessage())
                .isEqualTo("TimeToLive is already disabled");
    }

    @Test
    void aSecondChangeWhileTheFirstSettlesIsRejected() throws InterruptedException {
        String table = TxTables.create(client, "ttl");
        update(table, true, "expiresAt");

        assertThat(validationError(table, false, "expiresAt").awsErrorDetails().errorMessage())
                .isEqualTo("Time to live has been modified multiple times within a fixed interval");
        awaitStatus(table, TimeToLiveStatus.ENABLED);
        update(table, false, "expiresAt");
        assertThat(validationError(table, true, "renamed").awsErrorDetails().errorMessage())
                .isEqualTo("Time to live has been modified multiple times within a fixed interval");
        awaitStatus(table, TimeToLiveStatus.DISABLED);
        update(table, true, "renamed");
        awaitStatus(table, TimeToLiveStatus.ENABLED);
        assertThat(describe(table).attributeName()).isEqualTo("renamed");
    }

    @Test
    void aMissingOrInvalidSpecificationIsRejected() {
        String table = TxTables.create(client, "ttl");

        DynamoDbException noSpecification = catchThrowableOfType(DynamoDbException.class,
                () -> client.updateTimeToLive(b -> b.tableName(table)));
        DynamoDbException noAttribute = catchThrowableOfType(DynamoDbException.class,
                () -> client.updateTimeToLive(b -> b.tableName(table)
                        .timeToLiveSpecification(TimeToLiveSpecification.builder().enabled(true).build())));
        DynamoDbException emptyAttribute = validationError(table, true, "");

        assertThat(noSpecification.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: "
                + "Value null at 'timeToLiveSpecification' failed to satisfy constraint: Member must not be null");
        assertThat(noAttribute.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: "
                + "Value null at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: "
                + "Member must not be null");
        assertThat(emptyAttribute.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: "
                + "Value '' at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: "
                + "Member must have length greater than or equal to 1");
        assertThat(describe(table).timeToLiveStatus()).isEqualTo(TimeToLiveStatus.DISABLED);
    }

    @Test
    void aTableThatDoesNotExistIsResourceNotFound() {
        ResourceNotFoundException describe = catchThrowableOfType(ResourceNotFoundException.class,
                () -> describe("tx-ttl-no-such-table"));
        ResourceNotFoundException update = catchThrowableOfType(ResourceNotFoundException.class,
                () -> update("tx-ttl-no-such-table", true, "expiresAt"));

        assertThat(describe.awsErrorDetails().errorMessage())
                .isEqualTo("Requested resource not found: Table: tx-ttl-no-such-table not found");
        assertThat(update.awsErrorDetails().errorMessage())
                .isEqualTo("Requested resource not found: Table: tx-ttl-no-such-table not found");
    }

    @Test
    void anItemWhoseTimeToLiveHasPassedIsDeletedAndTheOthersStay() throws InterruptedException {
        String table = tableWithTtlEnabled("expiresAt");
        long now = Instant.now().getEpochSecond();
        long sixYearsAgo = Instant.now().atOffset(ZoneOffset.UTC).minusYears(6).toEpochSecond();
        String expired = uniqueKey("expired");
        String future = uniqueKey("future");
        String ancient = uniqueKey("ancient");
        String text = uniqueKey("text");
        String none = uniqueKey("none");
        String milliseconds = uniqueKey("millis");
        client.putItem(b -> b.tableName(table).item(item(expired, "expiresAt", n(now - 60))));
        client.putItem(b -> b.tableName(table).item(item(future, "expiresAt", n(now + 3600))));
        client.putItem(b -> b.tableName(table).item(item(ancient, "expiresAt", n(sixYearsAgo))));
        client.putItem(b -> b.tableName(table).item(item(text, "expiresAt", s(Long.toString(now - 60)))));
        client.putItem(b -> b.tableName(table).item(item(none, "other", n(now - 60))));
        client.putItem(b -> b.tableName(table).item(item(milliseconds, "expiresAt", n(now * 1000))));

        Instant deadline = Instant.now().plus(SETTLE);
        while (get(table, expired) != null) {
            assertThat(Instant.now()).as("expired item deleted within %s", SETTLE).isBefore(deadline);
            Thread.sleep(50);
        }
        // a further sweep or two, to be sure the others are not merely late
        Thread.sleep(500);
        assertThat(get(table, future)).isNotNull();
        assertThat(get(table, ancient)).isNotNull();
        assertThat(get(table, text)).isNotNull();
        assertThat(get(table, none)).isNotNull();
        assertThat(get(table, milliseconds)).isNotNull();
    }

    @Test
    void nothingIsDeletedWhereTimeToLiveIsDisabledOrOnAnotherAttribute() throws InterruptedException {
        String disabled = TxTables.create(client, "ttl");
        String other = tableWithTtlEnabled("deleteAfter");
        long past = Instant.now().getEpochSecond() - 60;
        String pk = uniqueKey("kept");
        client.putItem(b -> b.tableName(disabled).item(item(pk, "expiresAt", n(past))));
        client.putItem(b -> b.tableName(other).item(item(pk, "expiresAt", n(past))));

        Thread.sleep(1000);

        assertThat(get(disabled, pk)).isNotNull();
        assertThat(get(other, pk)).isNotNull();
    }
}
