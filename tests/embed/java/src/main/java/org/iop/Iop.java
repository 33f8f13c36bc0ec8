package org.iop;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;

/**
 * iop's document API from Java, through the C ABI (libiop_c, include/iop/iop.h).
 *
 * <pre>{@code
 * Iop.Response r = Iop.call("calendar.build", "{\"api_version\":1,\"plan\":{...}}");
 * if (r.status() != Iop.OK) System.err.println(r.body());  // an error object
 * }</pre>
 *
 * <p>Thread-safe: the library keeps no state between calls.
 */
public final class Iop {
  /** Status codes of {@code iop_call} (enum iop_status). */
  public static final int OK = 0, VALIDATION = 1, NOT_FOUND = 2, OVERFLOW = 3, INTERNAL = 4, INVALID_ARGUMENT = 5;

  /** The C functions. size_t is mapped to NativeLong, which has its width on LP64 systems (Linux, macOS). */
  interface Native_ extends Library {
    int iop_call(String operation, byte[] request, NativeLong requestLength, PointerByReference response,
                 NativeLongByReference responseLength);

    void iop_free(Pointer response);

    String iop_version();

    int iop_api_version();
  }

  private static final Native_ C = Native.load("iop_c", Native_.class);

  private Iop() {}

  /** A response: the status code and the response document (JSON text). */
  public record Response(int status, String body) {}

  /** Runs {@code operation} on a JSON request; the response is copied out and the library's buffer freed. */
  public static Response call(String operation, String request) {
    byte[] bytes = request.getBytes(StandardCharsets.UTF_8);
    PointerByReference response = new PointerByReference();
    NativeLongByReference length = new NativeLongByReference();
    int status = C.iop_call(operation, bytes, new NativeLong(bytes.length), response, length);
    Pointer pointer = response.getValue();
    if (pointer == null) return new Response(status, "");
    try {
      byte[] body = pointer.getByteArray(0, Math.toIntExact(length.getValue().longValue()));
      return new Response(status, new String(body, StandardCharsets.UTF_8));
    } finally {
      C.iop_free(pointer);
    }
  }

  /** The library's version, e.g. "0.1.0". */
  public static String version() {
    return C.iop_version();
  }

  /** The version of the request and response documents (1). */
  public static int apiVersion() {
    return C.iop_api_version();
  }
}
