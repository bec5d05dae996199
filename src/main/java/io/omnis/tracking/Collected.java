package io.omnis.tracking;

/**
 * What collection did with a request's messages: how many it stored and how many it
 * dropped.
 */
public record Collected(int accepted, int dropped) {
}
