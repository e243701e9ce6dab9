package io.phonehome.simulator.net;

/** What came back: the status code and line, and the body (capped). */
public record HttpResponse(int status, String statusLine, byte[] body) {
  public HttpResponse {
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }
}
