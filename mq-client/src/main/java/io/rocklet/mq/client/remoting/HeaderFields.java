package io.rocklet.mq.client.remoting;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code extFields} of a request built on the send path: a small array of keys and values in
 * the order they were put, the values kept as given (numbers unformatted) until read as strings or
 * written by {@link CommandCodec#writeHeader}, which writes numbers straight into the frame. A
 * {@code Map<String, String>} for everything else (signing, logging, reading a field back), so it
 * behaves as the {@code HashMap} it replaces, without a node and a string per field.
 */
final class HeaderFields extends AbstractMap<String, String> {
    private String[] keys = new String[16];
    private Object[] values = new Object[16];
    private int size;

    /** Puts {@code value} as is; {@link #get} and the wire see its {@code toString()}. */
    void putValue(String key, Object value) {
        int i = indexOf(key);
        if (i >= 0) {
            values[i] = value;
            return;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = Objects.requireNonNull(key, "key");
        values[size] = value;
        size++;
    }

    @Override
    public String put(String key, String value) {
        String old = get(key);
        putValue(key, value);
        return old;
    }

    @Override
    public String get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : text(values[i]);
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public String remove(Object key) {
        int i = indexOf(key);
        if (i < 0) {
            return null;
        }
        String old = text(values[i]);
        removeAt(i);
        return old;
    }

    @Override
    public void clear() {
        Arrays.fill(keys, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;
                    private int last = -1;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        last = next++;
                        return new SimpleImmutableEntry<>(keys[last], text(values[last]));
                    }

                    @Override
                    public void remove() {
                        if (last < 0) {
                            throw new IllegalStateException();
                        }
                        removeAt(last);
                        next = last;
                        last = -1;
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** The positions of the fields sorted by key (as a {@code TreeMap} would iterate them). */
    int[] sortedOrder() {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = 1; i < size; i++) { // insertion sort: a handful of keys, usually in order already
            int moving = order[i];
            int j = i - 1;
            while (j >= 0 && keys[order[j]].compareTo(keys[moving]) > 0) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = moving;
        }
        return order;
    }

    String keyAt(int i) {
        return keys[i];
    }

    Object valueAt(int i) {
        return values[i];
    }

    private void removeAt(int i) {
        System.arraycopy(keys, i + 1, keys, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        keys[size] = null;
        values[size] = null;
    }

    private int indexOf(Object key) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
