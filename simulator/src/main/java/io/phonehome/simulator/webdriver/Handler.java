package io.phonehome.simulator.webdriver;

/** Runs one WebDriver command; what it returns becomes the response's {@code value}. */
@FunctionalInterface
interface Handler {
  Object handle(Request request) throws Exception;
}
