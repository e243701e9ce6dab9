package io.phonehome.simulator.android;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Android's compiled XML ({@code AndroidManifest.xml} inside an APK), read into a tree of
 * elements: the string pool (UTF-8 or UTF-16), the resource map that names attributes by
 * id, and start/end element chunks. Attribute values come out as text: strings as they
 * are, integers in decimal, booleans as {@code true}/{@code false}, references as
 * {@code @0x7f0b0001} (resources are not resolved).
 */
public final class BinaryXml {
  private static final int RES_STRING_POOL = 0x0001;
  private static final int RES_XML = 0x0003;
  private static final int RES_XML_START_ELEMENT = 0x0102;
  private static final int RES_XML_END_ELEMENT = 0x0103;
  private static final int RES_XML_RESOURCE_MAP = 0x0180;
  private static final int UTF8_FLAG = 1 << 8;
  private static final int NO_INDEX = -1;

  private static final int TYPE_REFERENCE = 0x01;
  private static final int TYPE_STRING = 0x03;
  private static final int TYPE_INT_DEC = 0x10;
  private static final int TYPE_INT_HEX = 0x11;
  private static final int TYPE_INT_BOOLEAN = 0x12;

  /** Attribute names by their {@code android:} resource id, for files whose names were stripped. */
  private static final Map<Integer, String> ANDROID_ATTRS = Map.of(
      0x01010003, "name",
      0x01010021, "targetPackage",
      0x0101020c, "minSdkVersion",
      0x01010270, "targetSdkVersion",
      0x0101021b, "versionCode",
      0x0101021c, "versionName",
      0x01010010, "exported",
      0x0101000f, "process",
      0x0101001d, "label");

  /** One element: its name, attributes (by local name, in file order) and children. */
  public record Element(String name, Map<String, String> attributes, List<Element> children) {
    /** The attribute's value, if present. */
    public Optional<String> attribute(String localName) {
      return Optional.ofNullable(attributes.get(localName));
    }

    /** Children with this element name, in file order. */
    public List<Element> children(String elementName) {
      return children.stream().filter(c -> c.name().equals(elementName)).toList();
    }
  }

  private BinaryXml() {}

  /**
   * Parses a compiled XML document.
   *
   * @throws IllegalArgumentException when the bytes are not compiled XML, naming the fault
   */
  public static Element parse(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 8 || (b.getShort(0) & 0xffff) != RES_XML) {
      throw new IllegalArgumentException("not a compiled Android XML file (no RES_XML_TYPE header)");
    }
    int headerSize = b.getShort(2) & 0xffff;
    int end = Math.min(bytes.length, b.getInt(4));
    List<String> strings = List.of();
    int[] resourceIds = new int[0];
    Element root = null;
    List<Element> open = new ArrayList<>();
    int pos = headerSize;
    while (pos + 8 <= end) {
      int type = b.getShort(pos) & 0xffff;
      int chunkHeader = b.getShort(pos + 2) & 0xffff;
      int size = b.getInt(pos + 4);
      if (size < 8 || pos + size > end) {
        throw new IllegalArgumentException("chunk at offset " + pos + " has a bad size " + size);
      }
      switch (type) {
        case RES_STRING_POOL -> strings = stringPool(b, pos);
        case RES_XML_RESOURCE_MAP -> {
          resourceIds = new int[(size - chunkHeader) / 4];
          for (int i = 0; i < resourceIds.length; i++) {
            resourceIds[i] = b.getInt(pos + chunkHeader + 4 * i);
          }
        }
        case RES_XML_START_ELEMENT -> {
          Element e = startElement(b, pos + chunkHeader, strings, resourceIds);
          if (open.isEmpty()) {
            if (root != null) {
              throw new IllegalArgumentException("a second root element at offset " + pos);
            }
            root = e;
          } else {
            open.get(open.size() - 1).children().add(e);
          }
          open.add(e);
        }
        case RES_XML_END_ELEMENT -> {
          if (open.isEmpty()) {
            throw new IllegalArgumentException("an end element with none open at offset " + pos);
          }
          open.remove(open.size() - 1);
        }
        default -> {
          // namespaces, CDATA and unknown chunks carry nothing a package manager reads
        }
      }
      pos += size;
    }
    if (root == null) {
      throw new IllegalArgumentException("no element in the file");
    }
    return freeze(root);
  }

  private static Element freeze(Element e) {
    return new Element(e.name(), Map.copyOf(e.attributes()),
        e.children().stream().map(BinaryXml::freeze).toList());
  }

  private static Element startElement(ByteBuffer b, int ext, List<String> strings, int[] resourceIds) {
    String name = string(strings, b.getInt(ext + 4));
    int attributeStart = b.getShort(ext + 8) & 0xffff;
    int attributeSize = b.getShort(ext + 10) & 0xffff;
    int count = b.getShort(ext + 12) & 0xffff;
    Map<String, String> attributes = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      int a = ext + attributeStart + i * attributeSize;
      int nameIndex = b.getInt(a + 4);
      int rawValue = b.getInt(a + 8);
      int dataType = b.get(a + 15) & 0xff;
      int data = b.getInt(a + 16);
      String attrName = string(strings, nameIndex);
      if (nameIndex >= 0 && nameIndex < resourceIds.length && ANDROID_ATTRS.containsKey(resourceIds[nameIndex])) {
        attrName = ANDROID_ATTRS.get(resourceIds[nameIndex]);
      }
      String value = switch (dataType) {
        case TYPE_STRING -> string(strings, rawValue != NO_INDEX ? rawValue : data);
        case TYPE_INT_DEC -> Integer.toString(data);
        case TYPE_INT_HEX -> "0x" + Integer.toHexString(data);
        case TYPE_INT_BOOLEAN -> Boolean.toString(data != 0);
        case TYPE_REFERENCE -> String.format("@0x%08x", data);
        default -> rawValue != NO_INDEX ? string(strings, rawValue) : Integer.toString(data);
      };
      attributes.put(attrName, value);
    }
    return new Element(name, attributes, new ArrayList<>());
  }

  private static String string(List<String> strings, int index) {
    return index >= 0 && index < strings.size() ? strings.get(index) : "";
  }

  private static List<String> stringPool(ByteBuffer b, int chunk) {
    int headerSize = b.getShort(chunk + 2) & 0xffff;
    int count = b.getInt(chunk + 8);
    int flags = b.getInt(chunk + 16);
    int stringsStart = chunk + b.getInt(chunk + 20);
    boolean utf8 = (flags & UTF8_FLAG) != 0;
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int at = stringsStart + b.getInt(chunk + headerSize + 4 * i);
      out.add(utf8 ? utf8String(b, at) : utf16String(b, at));
    }
    return out;
  }

  private static String utf8String(ByteBuffer b, int at) {
    int p = at;
    // the length in characters, then in bytes; each one or two bytes (high bit: two)
    p += (b.get(p) & 0x80) != 0 ? 2 : 1;
    int len = b.get(p) & 0xff;
    if ((len & 0x80) != 0) {
      len = ((len & 0x7f) << 8) | (b.get(p + 1) & 0xff);
      p += 2;
    } else {
      p += 1;
    }
    byte[] raw = new byte[len];
    b.get(p, raw);
    return new String(raw, StandardCharsets.UTF_8);
  }

  private static String utf16String(ByteBuffer b, int at) {
    int len = b.getShort(at) & 0xffff;
    int p = at + 2;
    if ((len & 0x8000) != 0) {
      len = ((len & 0x7fff) << 16) | (b.getShort(at + 2) & 0xffff);
      p += 2;
    }
    char[] chars = new char[len];
    for (int i = 0; i < len; i++) {
      chars[i] = (char) (b.getShort(p + 2 * i) & 0xffff);
    }
    return new String(chars);
  }
}
