package io.phonehome.simulator.android;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes compiled Android XML and APKs, as aapt2 lays them out (string pool, resource
 * map, namespace and element chunks), so the tests need no SDK tool and no real APK.
 */
final class ManifestFixtures {
  /** {@code android:name}, {@code versionCode} and the other attributes a manifest names by id. */
  static final Map<String, Integer> ANDROID_IDS = Map.of(
      "name", 0x01010003, "targetPackage", 0x01010021, "minSdkVersion", 0x0101020c,
      "targetSdkVersion", 0x01010270, "versionCode", 0x0101021b, "versionName", 0x0101021c);
  private static final String ANDROID_NS = "http://schemas.android.com/apk/res/android";

  private ManifestFixtures() {}

  /** An element to write: its name, attributes (int values are written as integers) and children. */
  record El(String name, Map<String, Object> attributes, List<El> children) {
    static El of(String name, Object... keyValues) {
      Map<String, Object> attrs = new LinkedHashMap<>();
      for (int i = 0; i < keyValues.length; i += 2) {
        attrs.put((String) keyValues[i], keyValues[i + 1]);
      }
      return new El(name, attrs, new ArrayList<>());
    }

    El with(El... kids) {
      children.addAll(List.of(kids));
      return this;
    }
  }

  /** A manifest with a launcher activity, a service and the given permissions. */
  static El app(String pkg, int versionCode, String versionName, int minSdk, String... permissions) {
    El manifest = El.of("manifest", "package", pkg, "versionCode", versionCode, "versionName", versionName)
        .with(El.of("uses-sdk", "minSdkVersion", minSdk, "targetSdkVersion", 34));
    for (String p : permissions) {
      manifest.with(El.of("uses-permission", "name", p));
    }
    return manifest.with(El.of("application").with(
        El.of("activity", "name", ".Settings").with(El.of("intent-filter").with(
            El.of("action", "name", "android.intent.action.MAIN"),
            El.of("category", "name", "android.intent.category.LAUNCHER"))),
        El.of("service", "name", ".ForegroundService")));
  }

  /** A test APK's manifest: one instrumentation of {@code target}. */
  static El instrumentation(String pkg, String runner, String target) {
    return El.of("manifest", "package", pkg).with(El.of("uses-sdk", "minSdkVersion", 26),
        El.of("instrumentation", "name", runner, "targetPackage", target));
  }

  static byte[] apk(El manifest) {
    return apk(xml(manifest, false));
  }

  /** A zip with {@code AndroidManifest.xml} and a dex-sized filler. */
  static byte[] apk(byte[] compiledManifest) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("classes.dex"));
      zip.write(new byte[4096]);
      zip.putNextEntry(new ZipEntry("AndroidManifest.xml"));
      zip.write(compiledManifest);
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Compiles an element tree; the string pool is UTF-8 when {@code utf8}, else UTF-16. */
  static byte[] xml(El root, boolean utf8) {
    List<String> strings = new ArrayList<>();
    // attribute names first, in the order of their resource ids, as aapt2 writes them
    List<String> named = new ArrayList<>();
    collectNames(root, named);
    for (String n : named) {
      intern(strings, n);
    }
    int mapped = strings.size();
    intern(strings, ANDROID_NS);
    intern(strings, "android");
    collectStrings(root, strings);
    ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    chunks.writeBytes(stringPool(strings, utf8));
    ByteBuffer map = le(8 + 4 * mapped);
    map.putShort((short) 0x0180).putShort((short) 8).putInt(8 + 4 * mapped);
    for (int i = 0; i < mapped; i++) {
      map.putInt(ANDROID_IDS.get(strings.get(i)));
    }
    chunks.writeBytes(map.array());
    chunks.writeBytes(namespace(0x0100, strings));
    element(root, strings, chunks);
    chunks.writeBytes(namespace(0x0101, strings));
    byte[] body = chunks.toByteArray();
    ByteBuffer doc = le(8 + body.length);
    doc.putShort((short) 0x0003).putShort((short) 8).putInt(8 + body.length).put(body);
    return doc.array();
  }

  private static void collectNames(El e, List<String> names) {
    for (String k : e.attributes().keySet()) {
      if (ANDROID_IDS.containsKey(k) && !names.contains(k)) {
        names.add(k);
      }
    }
    e.children().forEach(c -> collectNames(c, names));
  }

  private static void collectStrings(El e, List<String> strings) {
    intern(strings, e.name());
    e.attributes().forEach((k, v) -> {
      intern(strings, k);
      if (v instanceof String s) {
        intern(strings, s);
      }
    });
    e.children().forEach(c -> collectStrings(c, strings));
  }

  private static int intern(List<String> strings, String s) {
    int i = strings.indexOf(s);
    if (i >= 0) {
      return i;
    }
    strings.add(s);
    return strings.size() - 1;
  }

  private static byte[] namespace(int type, List<String> strings) {
    ByteBuffer b = le(24);
    b.putShort((short) type).putShort((short) 16).putInt(24).putInt(1).putInt(-1)
        .putInt(strings.indexOf("android")).putInt(strings.indexOf(ANDROID_NS));
    return b.array();
  }

  private static void element(El e, List<String> strings, ByteArrayOutputStream out) {
    int count = e.attributes().size();
    int size = 16 + 20 + 20 * count;
    ByteBuffer b = le(size);
    b.putShort((short) 0x0102).putShort((short) 16).putInt(size).putInt(1).putInt(-1);
    b.putInt(-1).putInt(strings.indexOf(e.name())).putShort((short) 20).putShort((short) 20)
        .putShort((short) count).putShort((short) 0).putShort((short) 0).putShort((short) 0);
    for (Map.Entry<String, Object> a : e.attributes().entrySet()) {
      boolean android = ANDROID_IDS.containsKey(a.getKey());
      b.putInt(android ? strings.indexOf(ANDROID_NS) : -1).putInt(strings.indexOf(a.getKey()));
      if (a.getValue() instanceof Integer n) {
        b.putInt(-1).putShort((short) 8).put((byte) 0).put((byte) 0x10).putInt(n);
      } else {
        int s = strings.indexOf((String) a.getValue());
        b.putInt(s).putShort((short) 8).put((byte) 0).put((byte) 0x03).putInt(s);
      }
    }
    out.writeBytes(b.array());
    for (El c : e.children()) {
      element(c, strings, out);
    }
    ByteBuffer end = le(24);
    end.putShort((short) 0x0103).putShort((short) 16).putInt(24).putInt(1).putInt(-1).putInt(-1)
        .putInt(strings.indexOf(e.name()));
    out.writeBytes(end.array());
  }

  private static byte[] stringPool(List<String> strings, boolean utf8) {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    int[] offsets = new int[strings.size()];
    for (int i = 0; i < strings.size(); i++) {
      offsets[i] = data.size();
      String s = strings.get(i);
      if (utf8) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        data.write(s.length());
        data.write(bytes.length);
        data.writeBytes(bytes);
        data.write(0);
      } else {
        ByteBuffer u = le(2 + 2 * s.length() + 2);
        u.putShort((short) s.length());
        for (char c : s.toCharArray()) {
          u.putChar(c);
        }
        u.putShort((short) 0);
        data.writeBytes(u.array());
      }
    }
    while (data.size() % 4 != 0) {
      data.write(0);
    }
    int header = 28;
    int size = header + 4 * strings.size() + data.size();
    ByteBuffer b = le(size);
    b.putShort((short) 0x0001).putShort((short) header).putInt(size).putInt(strings.size()).putInt(0)
        .putInt(utf8 ? 1 << 8 : 0).putInt(header + 4 * strings.size()).putInt(0);
    for (int o : offsets) {
      b.putInt(o);
    }
    b.put(data.toByteArray());
    return b.array();
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }
}
