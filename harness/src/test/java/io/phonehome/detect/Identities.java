package io.phonehome.detect;

/** The lab identity the unit tests look for. */
public final class Identities {
  public static final String IMEI = "861234567890123";
  public static final String PHONE = "+886912345678";
  public static final String ANDROID_ID = "9774d56d682e549c";
  public static final String MAC = "ac:f7:f3:12:34:56";
  public static final String CONTACT_1 = "+886922000111";
  public static final String CONTACT_2 = "+886933000222";
  public static final String CANARY = "pH-7f3a9c";

  private Identities() {}

  public static IdentitySet lab() {
    return IdentitySet.builder()
        .add("imei", IMEI, "devices.yaml")
        .add("phone-number", PHONE, "devices.yaml")
        .add("android-id", ANDROID_ID, "identity file")
        .add("wifi-mac", MAC, "devices.yaml")
        .add("contacts", CONTACT_1, "phone")
        .add("contacts", CONTACT_2, "phone")
        .add(IdentitySet.CANARY, CANARY, "identity file")
        .build();
  }
}
