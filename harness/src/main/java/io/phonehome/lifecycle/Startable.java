package io.phonehome.lifecycle;

/**
 * Something the harness starts outside its own JVM (mitmdump, the adb server, a
 * virtual handset, an Appium session): started once, stopped at the end, safe to stop
 * twice, and stoppable when it only half started.
 */
public interface Startable extends AutoCloseable {
  /** Starts and returns once ready; on failure says what was awaited and how to fix it. */
  void start() throws StartException;

  /** Stops; safe to call twice and after a failed start. */
  void stop();

  @Override
  default void close() {
    stop();
  }
}
