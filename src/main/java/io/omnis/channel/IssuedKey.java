package io.omnis.channel;

/**
 * A credential just created, with its secret: the only time the secret is ever shown.
 */
public record IssuedKey(ChannelKey key, String secret) {
}
