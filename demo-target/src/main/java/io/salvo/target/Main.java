package io.salvo.target;

/** Runs a target until the process is stopped: {@code java -jar ... [port] [threads] [host]}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8088;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    String host = args.length > 2 ? args[2] : "127.0.0.1";
    TargetServer target = TargetServer.start(host, port, threads);
    System.out.println("salvo target listening on http://" + host + ":" + target.port());
    Runtime.getRuntime().addShutdownHook(new Thread(target::close));
    Thread.currentThread().join();
  }
}
