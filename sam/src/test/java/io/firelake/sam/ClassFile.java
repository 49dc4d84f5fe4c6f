package io.firelake.sam;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled class as far as a call graph needs it: its supertypes, and for each method the methods its code invokes
 * ({@code owner.name}, owner in internal form such as {@code software/amazon/awssdk/services/dynamodb/DynamoDbClient});
 * method handles (method references, lambda bodies) are listed per class.
 *
 * @see <a href="https://docs.oracle.com/javase/specs/jvms/se17/html/jvms-4.html">JVMS 4, the class file format</a>
 */
record ClassFile(String name, List<String> supertypes, Map<String, List<String>> calls, List<String> handles) {

    static ClassFile read(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readInt();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classIndex = new int[count];
        int[][] refs = new int[count][];
        int[] natName = new int[count];
        int[] handleRef = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classIndex[i] = in.readUnsignedShort();
                case 9, 10, 11 -> refs[i] = new int[]{tag, in.readUnsignedShort(), in.readUnsignedShort()};
                case 12 -> {
                    natName[i] = in.readUnsignedShort();
                    in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    handleRef[i] = in.readUnsignedShort();
                }
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 3, 4, 17, 18 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // a long or double takes two slots
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        in.readUnsignedShort();
        String name = utf8[classIndex[in.readUnsignedShort()]];
        List<String> supertypes = new ArrayList<>();
        int superIndex = in.readUnsignedShort();
        if (superIndex != 0) {
            supertypes.add(utf8[classIndex[superIndex]]);
        }
        for (int i = in.readUnsignedShort(); i > 0; i--) {
            supertypes.add(utf8[classIndex[in.readUnsignedShort()]]);
        }
        for (int i = in.readUnsignedShort(); i > 0; i--) {
            in.readUnsignedShort();
            in.readUnsignedShort();
            in.readUnsignedShort();
            skipAttributes(in);
        }
        Map<String, List<String>> calls = new LinkedHashMap<>();
        for (int i = in.readUnsignedShort(); i > 0; i--) {
            in.readUnsignedShort();
            String method = utf8[in.readUnsignedShort()];
            in.readUnsignedShort();
            List<String> invoked = calls.computeIfAbsent(method, m -> new ArrayList<>());
            for (int a = in.readUnsignedShort(); a > 0; a--) {
                String attribute = utf8[in.readUnsignedShort()];
                byte[] body = in.readNBytes(in.readInt());
                if (attribute.equals("Code")) {
                    DataInputStream code = new DataInputStream(new ByteArrayInputStream(body));
                    code.readInt();
                    byte[] instructions = code.readNBytes(code.readInt());
                    for (int ref : invokes(instructions)) {
                        if (refs[ref] != null) {
                            invoked.add(member(refs[ref], utf8, classIndex, natName));
                        }
                    }
                }
            }
        }
        List<String> handles = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (handleRef[i] != 0 && refs[handleRef[i]] != null) {
                handles.add(member(refs[handleRef[i]], utf8, classIndex, natName));
            }
        }
        return new ClassFile(name, supertypes, calls, handles);
    }

    private static String member(int[] ref, String[] utf8, int[] classIndex, int[] natName) {
        return utf8[classIndex[ref[1]]] + "." + utf8[natName[ref[2]]];
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        for (int a = in.readUnsignedShort(); a > 0; a--) {
            in.readUnsignedShort();
            in.skipNBytes(in.readInt());
        }
    }

    /** The constant pool indexes of the invoke instructions' methods, decoding every instruction's length. */
    private static List<Integer> invokes(byte[] code) {
        List<Integer> found = new ArrayList<>();
        int pc = 0;
        while (pc < code.length) {
            int op = code[pc] & 0xff;
            if (op >= 0xb6 && op <= 0xb9) {
                found.add(((code[pc + 1] & 0xff) << 8) | (code[pc + 2] & 0xff));
            }
            pc += length(code, pc, op);
        }
        return found;
    }

    private static int length(byte[] code, int pc, int op) {
        if (op == 0xaa || op == 0xab) {
            int p = (pc + 4) & ~3;
            if (op == 0xaa) {
                int low = readInt(code, p + 4);
                int high = readInt(code, p + 8);
                return p + 12 + 4 * (high - low + 1) - pc;
            }
            return p + 8 + 8 * readInt(code, p + 4) - pc;
        }
        if (op == 0xc4) {
            return (code[pc + 1] & 0xff) == 0x84 ? 6 : 4;
        }
        if (op == 0x10 || op == 0x12 || (op >= 0x15 && op <= 0x19) || (op >= 0x36 && op <= 0x3a) || op == 0xa9
                || op == 0xbc) {
            return 2;
        }
        if (op == 0x11 || op == 0x13 || op == 0x14 || op == 0x84 || (op >= 0x99 && op <= 0xa8)
                || (op >= 0xb2 && op <= 0xb8) || op == 0xbb || op == 0xbd || op == 0xc0 || op == 0xc1
                || op == 0xc6 || op == 0xc7) {
            return 3;
        }
        if (op == 0xc5) {
            return 4;
        }
        if (op == 0xb9 || op == 0xba || op == 0xc8 || op == 0xc9) {
            return 5;
        }
        return 1;
    }

    private static int readInt(byte[] code, int p) {
        return ((code[p] & 0xff) << 24) | ((code[p + 1] & 0xff) << 16) | ((code[p + 2] & 0xff) << 8) | (code[p + 3] & 0xff);
    }
}
