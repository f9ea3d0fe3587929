package io.salvo.cli;

import io.salvo.target.TargetServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "target",
    description = {
      "Serve Salvo's small demo target until stopped: / answers 200, /status/{code},"
          + " /delay/{ms}, /bytes/{n}; /__salvo/stats shows what it answered."
    })
final class TargetCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", defaultValue = "8088", description = "Port (default 8088; 0: any).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind.")
  String host;

  @Option(names = "--threads", defaultValue = "1", description = "Event loops (default 1).")
  int threads;

  @Override
  public Integer call() throws Exception {
    if (threads < 1) {
      throw new UsageException("--threads must be > 0, was " + threads);
    }
    TargetServer target;
    try {
      target = TargetServer.start(host, port, threads);
    } catch (Exception e) {
      throw new UsageException("cannot listen on " + host + ":" + port + ": " + e.getMessage());
    }
    Runtime.getRuntime().addShutdownHook(new Thread(target::close));
    spec.commandLine()
        .getOut()
        .println("salvo target listening on http://" + host + ":" + target.port());
    Thread.currentThread().join();
    return ExitCodes.PASSED;
  }
}
