/**
 * Phone calls from a telephony system: while one rings, every agent's console shows the
 * caller's customer 360; the call, its outcome and the agent's notes join her
 * conversation.
 */
@NullMarked
package io.omnis.conversation.phone;

import org.jspecify.annotations.NullMarked;
