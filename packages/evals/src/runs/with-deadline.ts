/**
 * Hard deadline for work that may ignore its AbortSignal (a hung framework): settles with
 * `DeadlineExceeded` after `milliseconds`, leaving the work to finish or leak on its own.
 */
export class DeadlineExceeded extends Error {
  constructor(readonly milliseconds: number) {
    super(`did not finish within ${milliseconds} ms`);
    this.name = "DeadlineExceeded";
  }
}

export async function withDeadline<Value>(
  work: Promise<Value>,
  milliseconds: number,
): Promise<Value> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded(milliseconds)), milliseconds);
    timer.unref();
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
