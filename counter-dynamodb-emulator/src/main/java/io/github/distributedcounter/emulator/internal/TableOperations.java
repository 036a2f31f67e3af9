package io.github.distributedcounter.emulator.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CreateTable, DescribeTable, DeleteTable and ListTables. Tables are ACTIVE as soon as they are created; the
 * CreateTable response itself says CREATING, as DynamoDB's does.
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html">CreateTable</a>
 */
final class TableOperations {

    static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    /** A table's ARN, in any partition, region and account: the engine has one database for them all. */
    private static final Pattern TABLE_ARN =
            Pattern.compile("arn:aws[a-z-]*:dynamodb:[a-z0-9-]*:[0-9]*:table/([a-zA-Z0-9_.-]{3,255})");
    static final String ARN_PREFIX = "arn:aws:dynamodb:us-east-1:000000000000:table/";

    private final Engine engine;

    TableOperations(Engine engine) {
        this.engine = engine;
    }

    Map<String, Object> createTable(Map<String, Object> request) {
        String name = newTableName(request);
        for (String unsupported : List.of("GlobalSecondaryIndexes", "LocalSecondaryIndexes", "StreamSpecification")) {
            List<Object> given = request.get(unsupported) instanceof List<?> ? Requests.list(request, unsupported)
                    : null;
            if ((given != null && !given.isEmpty())
                    || (unsupported.equals("StreamSpecification") && request.get(unsupported) != null)) {
                throw ServiceError.validation(unsupported + " are not supported by this DynamoDB emulator");
            }
        }
        List<Object> keySchema = Requests.list(request, "KeySchema");
        List<Object> definitions = Requests.list(request, "AttributeDefinitions");
        if (keySchema == null || keySchema.isEmpty() || keySchema.size() > 2) {
            throw ServiceError.validation("1 validation error detected: Value " + (keySchema == null ? "null" : "'"
                    + keySchema + "'") + " at 'keySchema' failed to satisfy constraint: Member must have length "
                    + (keySchema == null || keySchema.isEmpty() ? "greater than or equal to 1"
                    : "less than or equal to 2"));
        }
        if (definitions == null) {
            throw ServiceError.validation("1 validation error detected: Value null at 'attributeDefinitions' "
                    + "failed to satisfy constraint: Member must not be null");
        }
        Map<String, Value.Type> types = new LinkedHashMap<>();
        List<Map<String, Object>> attributeDefinitions = new ArrayList<>();
        for (Object definition : definitions) {
            Map<String, Object> d = Requests.asMap(definition);
            String attribute = Requests.required(d, "AttributeName");
            String type = Requests.required(d, "AttributeType");
            if (!type.equals("S") && !type.equals("N") && !type.equals("B")) {
                throw ServiceError.validation("1 validation error detected: Value '" + type + "' at "
                        + "'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [B, N, S]");
            }
            types.put(attribute, Value.Type.valueOf(type));
            attributeDefinitions.add(Map.of("AttributeName", attribute, "AttributeType", type));
        }
        Table.KeyAttribute hash = null;
        Table.KeyAttribute range = null;
        List<String> keyNames = new ArrayList<>();
        for (int i = 0; i < keySchema.size(); i++) {
            Map<String, Object> element = Requests.asMap(keySchema.get(i));
            String attribute = Requests.required(element, "AttributeName");
            String keyType = Requests.required(element, "KeyType");
            keyNames.add(attribute);
            Value.Type type = types.get(attribute);
            if (type == null) {
                continue;
            }
            if (i == 0 && keyType.equals("HASH")) {
                hash = new Table.KeyAttribute(attribute, type);
            } else if (i == 1 && keyType.equals("RANGE")) {
                range = new Table.KeyAttribute(attribute, type);
            } else {
                throw ServiceError.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
            }
        }
        if (!types.keySet().containsAll(keyNames)) {
            throw ServiceError.validation("One or more parameter values were invalid: Some index key attributes are "
                    + "not defined in AttributeDefinitions. Keys: " + keyNames + ", AttributeDefinitions: "
                    + new ArrayList<>(types.keySet()));
        }
        if (types.size() != keyNames.size()) {
            throw ServiceError.validation("One or more parameter values were invalid: Number of attributes in "
                    + "KeySchema does not exactly match number of attributes defined in AttributeDefinitions");
        }
        if (range != null && range.name().equals(hash.name())) {
            throw ServiceError.validation("Both the Hash Key and the Range Key element in the KeySchema have the "
                    + "same name");
        }
        String billingMode = Requests.string(request, "BillingMode");
        billingMode = billingMode == null ? "PROVISIONED" : billingMode;
        Map<String, Object> throughput = Requests.map(request, "ProvisionedThroughput");
        long read = 0;
        long write = 0;
        if (billingMode.equals("PROVISIONED")) {
            if (throughput == null) {
                throw ServiceError.validation("One or more parameter values were invalid: ReadCapacityUnits and "
                        + "WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
            }
            read = Requests.asLong(throughput.get("ReadCapacityUnits"));
            write = Requests.asLong(throughput.get("WriteCapacityUnits"));
            if (read < 1 || write < 1) {
                throw ServiceError.validation("One or more parameter values were invalid: Provisioned throughput "
                        + "value must be greater than or equal to 1");
            }
        } else if (billingMode.equals("PAY_PER_REQUEST")) {
            if (throughput != null) {
                throw ServiceError.validation("One or more parameter values were invalid: Neither "
                        + "ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is "
                        + "PAY_PER_REQUEST");
            }
        } else {
            throw ServiceError.validation("1 validation error detected: Value '" + billingMode + "' at 'billingMode' "
                    + "failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
        }
        Table table = new Table(name, hash, range, attributeDefinitions, billingMode, read, write,
                engine.clock().instant(), UUID.randomUUID().toString());
        if (engine.tables().putIfAbsent(name, table) != null) {
            throw ServiceError.resourceInUse("Table already exists: " + name);
        }
        return Map.of("TableDescription", description(table, "CREATING"));
    }

    Map<String, Object> describeTable(Map<String, Object> request) {
        return Map.of("Table", description(namedTable(engine, tableName(request)), "ACTIVE"));
    }

    Map<String, Object> deleteTable(Map<String, Object> request) {
        String name = tableName(request);
        Table table = engine.tables().remove(byNameOrArn(name));
        if (table == null) {
            throw tableNotFound(name);
        }
        return Map.of("TableDescription", description(table, "DELETING"));
    }

    Map<String, Object> listTables(Map<String, Object> request) {
        Object limitValue = request.get("Limit");
        long limit = limitValue == null ? 100 : Requests.asLong(limitValue);
        if (limit < 1 || limit > 100) {
            throw ServiceError.validation("1 validation error detected: Value '" + limit + "' at 'limit' failed to "
                    + "satisfy constraint: Member must have value " + (limit < 1 ? "greater than or equal to 1"
                    : "less than or equal to 100"));
        }
        String start = Requests.string(request, "ExclusiveStartTableName");
        List<String> names = engine.tables().keySet().stream().sorted()
                .filter(n -> start == null || n.compareTo(start) > 0).toList();
        Map<String, Object> response = new LinkedHashMap<>();
        List<String> page = names.subList(0, (int) Math.min(limit, names.size()));
        response.put("TableNames", page);
        if (names.size() > limit) {
            response.put("LastEvaluatedTableName", page.get(page.size() - 1));
        }
        return response;
    }

    /**
     * The TableName of a request on an existing table, as given: a table's name or its ARN. A name shorter than
     * three characters passes, as in DynamoDB, whose constraint allows ARNs; no table has such a name.
     */
    static String tableName(Map<String, Object> request) {
        String name = Requests.string(request, "TableName");
        if (name == null) {
            throw ServiceError.validation("1 validation error detected: Value null at 'tableName' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        if (TABLE_ARN.matcher(name).matches()) {
            return name;
        }
        if (name.isEmpty() || name.length() > 255) {
            throw ServiceError.validation("1 validation error detected: Value '" + name + "' at 'tableName' failed to "
                    + "satisfy constraint: Member must have length " + (name.isEmpty()
                    ? "greater than or equal to 1" : "less than or equal to 255"));
        }
        if (!TABLE_NAME.matcher(name).matches()) {
            throw ServiceError.validation("1 validation error detected: Value '" + name + "' at 'tableName' failed to "
                    + "satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
        return name;
    }

    /**
     * The table a table-level operation (DescribeTable, the time-to-live operations) names by name or ARN, or
     * DynamoDB's error naming it.
     */
    static Table namedTable(Engine engine, String name) {
        Table table = engine.tables().get(byNameOrArn(name));
        if (table == null) {
            throw tableNotFound(name);
        }
        return table;
    }

    private static ServiceError tableNotFound(String name) {
        return ServiceError.resourceNotFound("Requested resource not found: Table: " + name + " not found");
    }

    /** The table that a TableName (or a BatchGetItem table key) names: the name itself, or the name in an ARN. */
    static String byNameOrArn(String name) {
        Matcher arn = TABLE_ARN.matcher(name);
        return arn.matches() ? arn.group(1) : name;
    }

    /** The TableName of CreateTable: 3 to 255 characters of [a-zA-Z0-9_.-]. */
    private static String newTableName(Map<String, Object> request) {
        String name = Requests.string(request, "TableName");
        if (name == null) {
            throw ServiceError.validation("1 validation error detected: Value null at 'tableName' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        if (name.length() < 3 || name.length() > 255) {
            throw ServiceError.validation("1 validation error detected: Value '" + name + "' at 'tableName' failed to "
                    + "satisfy constraint: Member must have length " + (name.length() < 3
                    ? "greater than or equal to 3" : "less than or equal to 255"));
        }
        if (!TABLE_NAME.matcher(name).matches()) {
            throw ServiceError.validation("1 validation error detected: Value '" + name + "' at 'tableName' failed to "
                    + "satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
        return name;
    }

    private static Map<String, Object> description(Table table, String status) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("AttributeDefinitions", table.attributeDefinitions);
        description.put("TableName", table.name);
        List<Object> keySchema = new ArrayList<>();
        keySchema.add(Map.of("AttributeName", table.hashKey.name(), "KeyType", "HASH"));
        if (table.rangeKey != null) {
            keySchema.add(Map.of("AttributeName", table.rangeKey.name(), "KeyType", "RANGE"));
        }
        description.put("KeySchema", keySchema);
        description.put("TableStatus", status);
        description.put("CreationDateTime", BigDecimal.valueOf(table.created.toEpochMilli(), 3));
        Map<String, Object> throughput = new LinkedHashMap<>();
        throughput.put("NumberOfDecreasesToday", 0);
        throughput.put("ReadCapacityUnits", table.readCapacityUnits);
        throughput.put("WriteCapacityUnits", table.writeCapacityUnits);
        description.put("ProvisionedThroughput", throughput);
        description.put("TableSizeBytes", table.sizeBytes());
        description.put("ItemCount", (long) table.items.size());
        description.put("TableArn", ARN_PREFIX + table.name);
        description.put("TableId", table.id);
        if (table.billingMode.equals("PAY_PER_REQUEST")) {
            description.put("BillingModeSummary", Map.of("BillingMode", "PAY_PER_REQUEST",
                    "LastUpdateToPayPerRequestDateTime", BigDecimal.valueOf(table.created.toEpochMilli(), 3)));
        }
        description.put("DeletionProtectionEnabled", false);
        return description;
    }
}
