package io.phonehome.simulator.state;

/** A contact with one phone number, as the contacts provider's phone rows show it. */
public record Contact(long id, String name, String number) {}
