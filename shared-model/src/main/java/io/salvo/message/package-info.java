/**
 * The contract between coordinator and agents: one immutable record per message, JSON in a JMS
 * {@code TextMessage} (never {@code ObjectMessage}), the destination names, and the codec.
 * Histograms travel as HdrHistogram's compressed bytes in base64.
 */
package io.salvo.message;
