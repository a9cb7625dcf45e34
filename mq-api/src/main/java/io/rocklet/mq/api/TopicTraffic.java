package io.rocklet.mq.api;

/** Messages stored in a topic on one broker since it started, and the rate over the last ten seconds. */
public record TopicTraffic(String topic, long messages, double produceTps) {
}
