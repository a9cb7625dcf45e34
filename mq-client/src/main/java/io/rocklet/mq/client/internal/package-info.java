/** Client runtime plumbing shared with the broker module. Internal: may change without notice. */
package io.rocklet.mq.client.internal;
