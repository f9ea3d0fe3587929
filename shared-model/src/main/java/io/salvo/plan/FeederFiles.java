package io.salvo.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads feeder files: CSV with a header row (RFC 4180 quoting, read by Jackson's CSV module) and
 * JSON lines (one object of scalar values per line). Errors name the file and the line.
 */
final class FeederFiles {
  private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
  private static final JsonFactory JSON = JsonFactory.builder().build();

  record Table(List<String> columns, List<List<String>> rows) {}

  private FeederFiles() {}

  /** The format a file's name implies: csv or jsonl; null when it implies none. */
  static String formatOf(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    if (n.endsWith(".csv")) {
      return "csv";
    }
    if (n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".json")) {
      return "jsonl";
    }
    return null;
  }

  static Table read(PlanResource file, String format) {
    String f = format != null ? format : formatOf(file.name());
    if (f == null) {
      throw new PlanRuleException(
          "format",
          "is needed: '" + file.name() + "' ends in neither .csv nor .jsonl; say csv or jsonl");
    }
    return switch (f) {
      case "csv" -> csv(file);
      case "jsonl" -> jsonLines(file);
      default -> throw new PlanRuleException("format", "must be csv or jsonl, was '" + f + "'");
    };
  }

  private static Table csv(PlanResource file) {
    List<String> columns = null;
    List<List<String>> rows = new ArrayList<>();
    try (MappingIterator<String[]> it = CSV.readerFor(String[].class).readValues(file.content())) {
      while (it.hasNextValue()) {
        int line = it.getCurrentLocation().getLineNr();
        String[] values = it.nextValue();
        if (values.length == 0 || (values.length == 1 && values[0].isEmpty())) {
          continue; // a blank line
        }
        if (columns == null) {
          columns = new ArrayList<>();
          for (String v : values) {
            columns.add(v.trim());
          }
          continue;
        }
        if (values.length != columns.size()) {
          throw new PlanRuleException(
              "file",
              "'"
                  + file.name()
                  + "' line "
                  + line
                  + " has "
                  + values.length
                  + " values, but its header row has "
                  + columns.size()
                  + " columns");
        }
        rows.add(List.of(values));
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof PlanRuleException p) {
        throw p;
      }
      throw new PlanRuleException(
          "file", "'" + file.name() + "' is not valid CSV: " + firstLine(e.getMessage()));
    }
    if (columns == null) {
      throw new PlanRuleException("file", "'" + file.name() + "' is empty: it needs a header row");
    }
    return new Table(columns, rows);
  }

  private static Table jsonLines(PlanResource file) {
    List<String> columns = null;
    List<List<String>> rows = new ArrayList<>();
    String[] lines = file.text().split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.isEmpty()) {
        continue;
      }
      Map<String, String> row = object(file, i + 1, line);
      if (columns == null) {
        columns = new ArrayList<>(row.keySet());
      } else if (!row.keySet().equals(new java.util.LinkedHashSet<>(columns))) {
        throw new PlanRuleException(
            "file",
            "'"
                + file.name()
                + "' line "
                + (i + 1)
                + " has the keys "
                + row.keySet()
                + ", but the first line has "
                + columns);
      }
      List<String> values = new ArrayList<>();
      for (String c : columns) {
        values.add(row.get(c));
      }
      rows.add(values);
    }
    if (columns == null) {
      throw new PlanRuleException("file", "'" + file.name() + "' has no rows");
    }
    return new Table(columns, rows);
  }

  private static Map<String, String> object(PlanResource file, int lineNr, String line) {
    Map<String, String> out = new LinkedHashMap<>();
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new PlanRuleException(
            "file", "'" + file.name() + "' line " + lineNr + " is not a JSON object");
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        t = p.nextToken();
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          throw new PlanRuleException(
              "file",
              "'"
                  + file.name()
                  + "' line "
                  + lineNr
                  + ": '"
                  + key
                  + "' holds an object or list; feeder values are text, numbers or booleans");
        }
        out.put(key, t == JsonToken.VALUE_NULL ? "" : p.getText());
      }
      if (p.nextToken() != null) {
        throw new PlanRuleException(
            "file", "'" + file.name() + "' line " + lineNr + " holds more than one JSON value");
      }
    } catch (JsonProcessingException e) {
      throw new PlanRuleException(
          "file",
          "'"
              + file.name()
              + "' line "
              + lineNr
              + " is not valid JSON: "
              + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new PlanRuleException("file", "'" + file.name() + "' cannot be read: " + e);
    }
    return out;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
