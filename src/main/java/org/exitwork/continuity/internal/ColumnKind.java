package org.exitwork.continuity.internal;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * How a column's values are read, written into a backup and bound again: a typed, lossless encoding
 * that reads the same from H2 and PostgreSQL (UUIDs and times with their offset as text, bytes as
 * base64, numbers as numbers, NULL as null).
 */
enum ColumnKind {
    UUID_, BYTES, TEXT, BOOLEAN, INT, LONG, DECIMAL, DOUBLE, DATE, TIME, TIMESTAMP, TIMESTAMPTZ;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** From the JDBC metadata of a column. */
    static ColumnKind of(int jdbcType, String typeName) {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        if (name.equals("uuid")) {
            return UUID_;
        }
        if (name.equals("timestamptz") || name.contains("with time zone") || jdbcType == Types.TIMESTAMP_WITH_TIMEZONE) {
            return TIMESTAMPTZ;
        }
        return switch (jdbcType) {
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BYTES;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                    Types.CLOB, Types.NCLOB -> TEXT;
            case Types.BOOLEAN, Types.BIT -> BOOLEAN;
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> INT;
            case Types.BIGINT -> LONG;
            case Types.NUMERIC, Types.DECIMAL -> DECIMAL;
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> DOUBLE;
            case Types.DATE -> DATE;
            case Types.TIME -> TIME;
            case Types.TIMESTAMP -> TIMESTAMP;
            default -> throw new IllegalStateException("no backup encoding for column type " + typeName
                    + " (JDBC " + jdbcType + ")");
        };
    }

    /** The value at {@code i}, as the Java type this kind stands for, or null. */
    Object read(ResultSet rs, int i) throws SQLException {
        Object value = switch (this) {
            case UUID_ -> rs.getObject(i, UUID.class);
            case BYTES -> rs.getBytes(i);
            case TEXT -> rs.getString(i);
            case BOOLEAN -> rs.getBoolean(i);
            case INT -> rs.getInt(i);
            case LONG -> rs.getLong(i);
            case DECIMAL -> rs.getBigDecimal(i);
            case DOUBLE -> rs.getDouble(i);
            case DATE -> rs.getObject(i, LocalDate.class);
            case TIME -> rs.getObject(i, LocalTime.class);
            case TIMESTAMP -> rs.getObject(i, LocalDateTime.class);
            case TIMESTAMPTZ -> rs.getObject(i, OffsetDateTime.class);
        };
        return rs.wasNull() ? null : value;
    }

    JsonNode encode(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        return switch (this) {
            case BYTES -> NODES.stringNode(Base64.getEncoder().encodeToString((byte[]) value));
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case INT -> NODES.numberNode((Integer) value);
            case LONG -> NODES.numberNode((Long) value);
            case DOUBLE -> NODES.numberNode((Double) value);
            case DECIMAL -> NODES.stringNode(((BigDecimal) value).toString());
            case UUID_, TEXT, DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> NODES.stringNode(value.toString());
        };
    }

    Object decode(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return switch (this) {
            case UUID_ -> UUID.fromString(node.stringValue());
            case BYTES -> Base64.getDecoder().decode(node.stringValue());
            case TEXT -> node.stringValue();
            case BOOLEAN -> node.booleanValue();
            case INT -> Math.toIntExact(node.longValue());
            case LONG -> node.longValue();
            case DECIMAL -> new BigDecimal(node.stringValue());
            case DOUBLE -> node.doubleValue();
            case DATE -> LocalDate.parse(node.stringValue());
            case TIME -> LocalTime.parse(node.stringValue());
            case TIMESTAMP -> LocalDateTime.parse(node.stringValue());
            case TIMESTAMPTZ -> OffsetDateTime.parse(node.stringValue());
        };
    }

    void bind(PreparedStatement statement, int i, Object value, int jdbcType) throws SQLException {
        if (value == null) {
            statement.setNull(i, jdbcType);
            return;
        }
        switch (this) {
            case BYTES -> statement.setBytes(i, (byte[]) value);
            case TEXT -> statement.setString(i, (String) value);
            case BOOLEAN -> statement.setBoolean(i, (Boolean) value);
            case INT -> statement.setInt(i, (Integer) value);
            case LONG -> statement.setLong(i, (Long) value);
            case DECIMAL -> statement.setBigDecimal(i, (BigDecimal) value);
            case DOUBLE -> statement.setDouble(i, (Double) value);
            case UUID_, DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> statement.setObject(i, value);
        }
    }

    /** The name in a manifest. */
    String code() {
        return this == UUID_ ? "uuid" : name().toLowerCase(Locale.ROOT);
    }

    static ColumnKind ofCode(String code) {
        return code.equals("uuid") ? UUID_ : valueOf(code.toUpperCase(Locale.ROOT));
    }
}
