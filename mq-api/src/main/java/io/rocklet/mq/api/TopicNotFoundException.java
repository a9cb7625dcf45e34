package io.rocklet.mq.api;

/** The topic does not exist and the broker does not create topics on first send. */
public class TopicNotFoundException extends MQException {
    private final String topic;

    public TopicNotFoundException(String topic) {
        super("topic not found: " + topic);
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }
}
