/**
 * A FlatBuffers ByteBuffer that refuses to read outside its bytes. The stock one returns
 * `undefined`-derived zeros past the end, so a lying vector length in a damaged file turns into a
 * loop over billions of phantom elements; this one throws at the first byte out of range.
 */
import { ByteBuffer } from 'flatbuffers';

export class OutOfBoundsError extends RangeError {
  constructor(offset: number, size: number, capacity: number) {
    super(`read of ${size} bytes at ${offset} outside ${capacity} bytes`);
    this.name = 'OutOfBoundsError';
  }
}

export class CheckedByteBuffer extends ByteBuffer {
  private check(offset: number, size: number): void {
    if (!(offset >= 0 && offset + size <= this.capacity())) throw new OutOfBoundsError(offset, size, this.capacity());
  }
  override readInt8(offset: number): number {
    this.check(offset, 1);
    return super.readInt8(offset);
  }
  override readUint8(offset: number): number {
    this.check(offset, 1);
    return super.readUint8(offset);
  }
  override readInt16(offset: number): number {
    this.check(offset, 2);
    return super.readInt16(offset);
  }
  override readUint16(offset: number): number {
    this.check(offset, 2);
    return super.readUint16(offset);
  }
  override readInt32(offset: number): number {
    this.check(offset, 4);
    return super.readInt32(offset);
  }
  override readUint32(offset: number): number {
    this.check(offset, 4);
    return super.readUint32(offset);
  }
  override readInt64(offset: number): bigint {
    this.check(offset, 8);
    return super.readInt64(offset);
  }
  override readUint64(offset: number): bigint {
    this.check(offset, 8);
    return super.readUint64(offset);
  }
  override readFloat32(offset: number): number {
    this.check(offset, 4);
    return super.readFloat32(offset);
  }
  override readFloat64(offset: number): number {
    this.check(offset, 8);
    return super.readFloat64(offset);
  }
  /** A vector's length, refused when its elements (at least a byte each) would end past the buffer. */
  override __vector_len(offset: number): number {
    const length = super.__vector_len(offset);
    const start = offset + this.readInt32(offset) + 4;
    if (length < 0 || start + length > this.capacity()) throw new OutOfBoundsError(start, length, this.capacity());
    return length;
  }
}
