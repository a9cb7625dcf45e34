package io.rocklet.mq.it.rocketmq;

import io.rocklet.mq.scenarios.Backend;
import io.rocklet.mq.scenarios.ConsumeScenarios;
import io.rocklet.mq.scenarios.DelayAndTransactionScenarios;
import io.rocklet.mq.scenarios.IdempotencyScenarios;
import io.rocklet.mq.scenarios.OrderScenarios;
import io.rocklet.mq.scenarios.PullScenarios;
import io.rocklet.mq.scenarios.RetryScenarios;
import io.rocklet.mq.scenarios.SendScenarios;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The scenario suite on Apache RocketMQ 5.2.0 (one name server, one broker, in this JVM) through {@code rocketmq://}. */
class RocketMqScenariosIT {
    private static Backend backend;

    @BeforeAll
    static void start() {
        backend = RocketMqBackend.start(1);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Nested
    class Sends extends SendScenarios {
        @Override
        protected Backend backend() {
            return backend;
        }
    }

    @Nested
    class Consumers extends ConsumeScenarios {
        @Override
        protected Backend backend() {
            return backend;
        }
    }

    @Nested
    class Pulls extends PullScenarios {
        @Override
        protected Backend backend() {
            return backend;
        }
    }

    @Nested
    class Retries extends RetryScenarios {
        @Override
        protected Backend backend() {
            return backend;
        }
    }

    @Nested
    class Order extends OrderScenarios {
        @Override
        protected Backend backend() {
            return backend;
        }
    }

    @Nested
    class DelaysAndTransactions extends DelayAndTransactionScenarios {
        @Override
        protected Backend backend() {
            return backend;
        }
    }

    @Nested
    class Idempotency extends IdempotencyScenarios {
        @Override
        protected Backend backend() {
            return backend;
        }
    }
}
