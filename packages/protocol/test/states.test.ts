import { ProcessStates, processStateName, RUNNING_STATES } from '../src/states';

describe('process states', () => {
  it('maps codes back to the names 4.2.5 uses', () => {
    expect(processStateName(ProcessStates.BACKOFF)).toBe('BACKOFF');
    expect(processStateName(1000)).toBe('UNKNOWN');
    expect(processStateName(7)).toBeUndefined();
  });
  it('counts BACKOFF as a running state', () => {
    expect(RUNNING_STATES).toContain('BACKOFF');
  });
});
