import { describe, expect, it } from 'vitest';
import {
  approximateDays,
  definitionFromDraft,
  draftFromProcess,
  moveItem,
  newProcessDraft,
  newStep,
  newStepId,
  sameDefinition,
  timingFromDraft,
} from '../app/utils/processDraft.ts';
import { messageAt, placeProcessErrors } from '../app/utils/processErrors.ts';
import { timingPhrase } from '../app/utils/processTiming.ts';

describe('a step timing in plain words', () => {
  it('reads days after, on and before the due date, and after the previous step', () => {
    expect(timingPhrase({ from: 'dueDate', days: 3 })).toEqual({ key: 'afterDue', n: 3 });
    expect(timingPhrase({ from: 'dueDate', days: 0 })).toEqual({ key: 'onDue', n: 0 });
    expect(timingPhrase({ from: 'dueDate', days: -5 })).toEqual({ key: 'beforeDue', n: 5 });
    expect(timingPhrase({ from: 'previousStep', days: 14 })).toEqual({
      key: 'afterPrevious',
      n: 14,
    });
    expect(timingPhrase({ from: 'previousStep', days: 0 }).key).toBe('withPrevious');
  });

  it('turns "N days before the due date" into negative days, and back', () => {
    expect(timingFromDraft({ anchor: 'beforeDue', days: 3 })).toEqual({
      from: 'dueDate',
      days: -3,
    });
    expect(timingFromDraft({ anchor: 'afterDue', days: 3 })).toEqual({ from: 'dueDate', days: 3 });
    expect(timingFromDraft({ anchor: 'afterPrevious', days: 7 })).toEqual({
      from: 'previousStep',
      days: 7,
    });
  });

  it('adds the days after previous steps up to a day counted from the due date', () => {
    const days = approximateDays([
      { from: 'dueDate', days: -3 },
      { from: 'dueDate', days: 3 },
      { from: 'previousStep', days: 14 },
    ]);
    expect(days).toEqual([-3, 3, 17]);
    expect(approximateDays([{ from: 'previousStep', days: 2 }])).toEqual([null]);
  });
});

describe('the steps of a process being built', () => {
  it('moves a step up and down, and stays put past either end', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('gives each new step a version 4 UUID of its own', () => {
    const id = newStepId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newStepId()).not.toBe(id);
  });

  it('sends a hand-over without channels, and the default account and schedule left out', () => {
    const draft = newProcessDraft('Przypomnienie');
    draft.name = ' Standard ';
    const handOver = { ...newStep(1, 'Przekazanie'), kind: 'hand_over' as const, groupId: 'g' };
    draft.steps = [{ ...draft.steps[0]!, groupId: 'g' }, handOver];
    draft.steps[0]!.channels[0]!.templateId = 't';

    const definition = definitionFromDraft(draft);
    expect(definition.name).toBe('Standard');
    expect(definition.steps[0]).toEqual({
      id: draft.steps[0]!.id,
      name: 'Przypomnienie',
      kind: 'reminder',
      selection: { groupId: 'g' },
      channels: [{ medium: 'email', templateId: 't' }],
      timing: { from: 'dueDate', days: 3 },
      approval: 'automatic',
    });
    expect(definition.steps[1]!.channels).toEqual([]);
    expect(definition.steps[1]!.timing).toEqual({ from: 'previousStep', days: 7 });
  });

  it('reads a saved process back as it was sent, step ids and schedules included', () => {
    const draft = newProcessDraft('Przypomnienie');
    draft.name = 'Standard';
    draft.steps[0] = {
      ...draft.steps[0]!,
      who: 'criteria',
      currency: 'EUR',
      channels: [{ key: 'x', medium: 'sms', templateId: 't', accountId: 'a' }],
      schedule: { every: 'week', on: ['fri', 'mon'], day: 1, at: '10:00' },
      approval: 'queue',
    };
    const sent = definitionFromDraft(draft);
    expect(sent.steps[0]!.schedule).toEqual({ every: 'week', on: ['mon', 'fri'], at: '10:00' });

    const saved = { ...sent, id: 'p', version: 1, active: false, createdAt: '', updatedAt: '' };
    expect(definitionFromDraft(draftFromProcess(saved))).toEqual(sent);
  });

  it('tells a start or a stop from a change of the steps, whatever order the keys came in', () => {
    const sent = definitionFromDraft(newProcessDraft('Przypomnienie'));
    const reordered = JSON.parse(
      JSON.stringify({ steps: sent.steps, window: sent.window, name: sent.name }),
    );
    expect(sameDefinition(sent, reordered)).toBe(true);
    expect(sameDefinition(sent, { ...sent, name: 'Inny' })).toBe(false);
  });
});

describe("the API's refusals placed at the builder's fields", () => {
  const steps = () => {
    const first = newStep(0, 'Przypomnienie');
    const second = newStep(1, 'Wezwanie');
    second.channels = [
      { key: 'ch-a', medium: 'email', templateId: 't1', accountId: '' },
      { key: 'ch-b', medium: 'sms', templateId: 't2', accountId: '' },
    ];
    return [first, second];
  };

  it('puts a message at its step by id and at its channel by key', () => {
    const sent = steps();
    const placed = placeProcessErrors(
      [
        { pointer: '/body/steps/1/channels/1/templateId', message: 'zły szablon' },
        { pointer: '/body/steps/0/channels', message: 'brak kanału' },
        { pointer: '/body/steps/0/timing/days', message: 'za dużo' },
        { pointer: '/body/window/to', message: 'za wcześnie' },
        { pointer: '/body/name', message: 'wymagana' },
      ],
      sent,
    );

    expect(placed.steps[sent[1]!.id]).toEqual({ 'channels.ch-b.templateId': 'zły szablon' });
    expect(placed.steps[sent[0]!.id]).toEqual({
      channels: 'brak kanału',
      'timing.days': 'za dużo',
    });
    expect(placed.process).toEqual({ 'window.to': 'za wcześnie', name: 'wymagana' });
    expect(messageAt(placed.steps[sent[0]!.id], 'timing')).toBe('za dużo');
  });

  it("puts a criteria message at the condition it names, and an unknown step's at the process", () => {
    const sent = steps();
    sent[0]!.who = 'criteria';
    const condition = sent[0]!.criteria.children[0]!;
    const placed = placeProcessErrors(
      [
        { pointer: '/body/steps/0/selection/criteria/and/0/value/min', message: 'nie liczba' },
        { pointer: '/body/steps/5/name', message: 'obcy' },
      ],
      sent,
    );

    expect(placed.criteria[sent[0]!.id]).toEqual({ [condition.key]: ['nie liczba'] });
    expect(placed.process).toEqual({ 'steps.5.name': 'obcy' });
  });
});
