package io.omnis.channel;

/**
 * The kinds of touchpoint a channel can be.
 */
public enum ChannelType {

	WEB, MOBILE_APP, STORE, CALL_CENTER, EMAIL, SMS, CHAT, SOCIAL, KIOSK, MARKETPLACE

}
