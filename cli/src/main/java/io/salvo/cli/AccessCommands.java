package io.salvo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code salvo tokens ...} and {@code salvo users ...}: an admin's management of who may use the
 * API, through the coordinator's {@code /api/tokens} and {@code /api/users}.
 */
final class AccessCommands {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AccessCommands() {}

  private static String path(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Command(
      name = "tokens",
      description = "API tokens (admin only): create, list, revoke.",
      subcommands = {TokenCreate.class, TokenList.class, TokenRevoke.class})
  static final class Tokens implements Runnable {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "name create, list or revoke");
    }
  }

  @Command(
      name = "create",
      description =
          "Create an API token and print it: the only time it is shown (the coordinator keeps its"
              + " hash).")
  static final class TokenCreate implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "What the token is for, such as ci-nightly.")
    String name;

    @Option(
        names = "--role",
        required = true,
        description = "viewer, operator or admin (each includes the ones before it).")
    String role;

    @Mixin ClientOptions coordinator;

    @Override
    public Integer call() {
      ObjectNode body = JSON.createObjectNode().put("name", name).put("role", role);
      JsonNode t = coordinator.client().call("POST", "/tokens", body);
      var out = spec.commandLine().getOut();
      out.println(t.path("token").asText());
      spec.commandLine()
          .getErr()
          .println(
              "salvo tokens: created "
                  + t.path("id").asText()
                  + " ("
                  + t.path("name").asText()
                  + ", "
                  + t.path("role").asText()
                  + "); store the token now: it cannot be shown again");
      return ExitCodes.PASSED;
    }
  }

  @Command(name = "list", description = "The API tokens: id, name, role, creator, last use.")
  static final class TokenList implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Mixin ClientOptions coordinator;

    @Override
    public Integer call() {
      var out = spec.commandLine().getOut();
      out.printf(
          "%-14s %-24s %-9s %-24s %-22s %s%n",
          "ID", "NAME", "ROLE", "CREATED BY", "CREATED", "LAST USED");
      for (JsonNode t : coordinator.client().call("GET", "/tokens", null)) {
        out.printf(
            "%-14s %-24s %-9s %-24s %-22s %s%n",
            t.path("id").asText(),
            t.path("name").asText(),
            t.path("role").asText(),
            t.path("createdBy").asText(),
            t.path("createdAt").asText(),
            t.path("lastUsedAt").isNull() ? "never" : t.path("lastUsedAt").asText());
      }
      return ExitCodes.PASSED;
    }
  }

  @Command(name = "revoke", description = "Revoke an API token: it stops working at once.")
  static final class TokenRevoke implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The token's id (salvo tokens list).")
    String id;

    @Mixin ClientOptions coordinator;

    @Override
    public Integer call() {
      coordinator.client().call("DELETE", "/tokens/" + path(id), null);
      spec.commandLine().getOut().println("salvo tokens: revoked " + id);
      return ExitCodes.PASSED;
    }
  }

  @Command(
      name = "allowed-targets",
      description =
          "The coordinator's target allow-list: shown; replaced with ENTRIES (admin; such as"
              + " 'loopback, *.staging.example, 10.20.0.0/16:8080'); or --reset to the server's"
              + " configured one (admin).")
  static final class AllowedTargetsCmd implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ENTRIES", arity = "0..1", description = "The new list.")
    String entries;

    @Option(names = "--reset", description = "Back to the server's salvo.allowedTargets.")
    boolean reset;

    @Mixin ClientOptions coordinator;

    @Override
    public Integer call() {
      if (reset && entries != null) {
        throw new UsageException("give ENTRIES or --reset, not both");
      }
      JsonNode a =
          reset
              ? coordinator.client().call("DELETE", "/allowed-targets", null)
              : entries != null
                  ? coordinator
                      .client()
                      .call(
                          "PUT",
                          "/allowed-targets",
                          JSON.createObjectNode().put("entries", entries))
                  : coordinator.client().call("GET", "/allowed-targets", null);
      spec.commandLine()
          .getOut()
          .println(
              "runs may send load to: "
                  + a.path("entries").asText()
                  + (a.path("setBy").isNull()
                      ? " (the server's salvo.allowedTargets)"
                      : " (set by "
                          + a.path("setBy").asText()
                          + " at "
                          + a.path("setAt").asText()
                          + ")"));
      return ExitCodes.PASSED;
    }
  }

  @Command(
      name = "users",
      description =
          "Users who sign in with a password, HTTP Basic (admin only): set, list, delete.",
      subcommands = {UserSet.class, UserList.class, UserDelete.class})
  static final class Users implements Runnable {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "name set, list or delete");
    }
  }

  @Command(
      name = "set",
      description =
          "Create a user or change one's role and password. The password comes from"
              + " $SALVO_USER_PASSWORD or, when that is unset, the first line of standard input;"
              + " never from the command line.")
  static final class UserSet implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--role", required = true, description = "viewer, operator or admin.")
    String role;

    @Option(
        names = "--keep-password",
        description = "Change only the role of an existing user; read no password.")
    boolean keepPassword;

    @Mixin ClientOptions coordinator;

    @Override
    public Integer call() throws Exception {
      ObjectNode body = JSON.createObjectNode().put("role", role);
      if (!keepPassword) {
        String password = System.getenv("SALVO_USER_PASSWORD");
        if (password == null && System.console() != null) {
          char[] typed = System.console().readPassword("salvo users: password for %s: ", name);
          password = typed == null ? null : new String(typed);
        } else if (password == null) {
          password =
              new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                  .readLine();
        }
        if (password == null || password.isEmpty()) {
          throw new UsageException(
              "no password: set SALVO_USER_PASSWORD or give it on standard input");
        }
        body.put("password", password);
      }
      JsonNode u = coordinator.client().call("PUT", "/users/" + path(name), body);
      spec.commandLine()
          .getOut()
          .println("salvo users: " + u.path("name").asText() + " is " + u.path("role").asText());
      return ExitCodes.PASSED;
    }
  }

  @Command(name = "list", description = "The users and their roles.")
  static final class UserList implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Mixin ClientOptions coordinator;

    @Override
    public Integer call() {
      var out = spec.commandLine().getOut();
      out.printf("%-24s %-9s %s%n", "NAME", "ROLE", "UPDATED");
      for (JsonNode u : coordinator.client().call("GET", "/users", null)) {
        out.printf(
            "%-24s %-9s %s%n",
            u.path("name").asText(), u.path("role").asText(), u.path("updatedAt").asText());
      }
      return ExitCodes.PASSED;
    }
  }

  @Command(name = "delete", description = "Delete a user: the password stops working at once.")
  static final class UserDelete implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME")
    String name;

    @Mixin ClientOptions coordinator;

    @Override
    public Integer call() {
      coordinator.client().call("DELETE", "/users/" + path(name), null);
      spec.commandLine().getOut().println("salvo users: deleted " + name);
      return ExitCodes.PASSED;
    }
  }
}
