import { describe, expect, it } from 'vitest';
import { can, type Actor } from '../../src/features/auth/permissions.ts';

const admin: Actor = { id: 'a', role: 'admin', kubeId: null, assignedKubeIds: [] };
const pendamping: Actor = { id: 'p', role: 'pendamping', kubeId: null, assignedKubeIds: ['kube1'] };
const pengurus: Actor = { id: 'o', role: 'pengurus', kubeId: 'kube1', assignedKubeIds: [] };
const anggota: Actor = { id: 'm', role: 'anggota', kubeId: 'kube1', assignedKubeIds: [] };

describe('can()', () => {
  it('refuses everything to a visitor', () => {
    expect(can(null, 'account.self')).toBe(false);
    expect(can(undefined, 'kube.view', { kubeId: 'kube1' })).toBe(false);
  });

  it('lets an admin do everything', () => {
    expect(can(admin, 'admin.area')).toBe(true);
    expect(can(admin, 'kube.edit', { kubeId: 'any' })).toBe(true);
    expect(can(admin, 'person.create')).toBe(true);
  });

  it('lets a facilitator act only inside the KUBEs assigned to them', () => {
    expect(can(pendamping, 'facilitator.area')).toBe(true);
    expect(can(pendamping, 'kube.view', { kubeId: 'kube1' })).toBe(true);
    expect(can(pendamping, 'kube.recordPosition', { kubeId: 'kube1' })).toBe(true);
    expect(can(pendamping, 'kube.view', { kubeId: 'kube2' })).toBe(false);
    expect(can(pendamping, 'kube.recordPosition', { kubeId: 'kube2' })).toBe(false);
    expect(can(pendamping, 'person.view', { personId: 'x', kubeId: 'kube2' })).toBe(false);
    expect(can(pendamping, 'kube.view')).toBe(false);
  });

  it('shows gain reports to admins and to facilitators for their own KUBEs only', () => {
    expect(can(admin, 'report.view', { kubeId: 'any' })).toBe(true);
    expect(can(pendamping, 'report.view')).toBe(true);
    expect(can(pendamping, 'report.view', { kubeId: 'kube1' })).toBe(true);
    expect(can(pendamping, 'report.view', { kubeId: 'kube2' })).toBe(false);
    for (const actor of [pengurus, anggota]) {
      expect(can(actor, 'report.view')).toBe(false);
      expect(can(actor, 'report.view', { kubeId: 'kube1' })).toBe(false);
    }
  });

  it('lets facilitators record capacity and facts for their own KUBEs, and only admins set targets', () => {
    expect(can(pendamping, 'capacity.record', { kubeId: 'kube1' })).toBe(true);
    expect(can(pendamping, 'capacity.record', { kubeId: 'kube2' })).toBe(false);
    expect(can(pendamping, 'indicators.view')).toBe(true);
    expect(can(pendamping, 'indicators.setTarget')).toBe(false);
    expect(can(admin, 'indicators.setTarget')).toBe(true);
    for (const actor of [pengurus, anggota]) {
      expect(can(actor, 'capacity.record', { kubeId: 'kube1' })).toBe(false);
      expect(can(actor, 'indicators.view')).toBe(false);
    }
  });

  it('lets only admins and the assigned facilitator score practical tasks', () => {
    expect(can(admin, 'practice.score', { kubeId: 'kube2' })).toBe(true);
    expect(can(pendamping, 'practice.score', { kubeId: 'kube1' })).toBe(true);
    expect(can(pendamping, 'practice.score', { kubeId: 'kube2' })).toBe(false);
    expect(can(pendamping, 'practice.score', {})).toBe(false);
    for (const actor of [pengurus, anggota]) {
      expect(can(actor, 'practice.score', { kubeId: 'kube1' })).toBe(false);
    }
  });

  it('keeps facilitators out of the admin screens', () => {
    expect(can(pendamping, 'admin.area')).toBe(false);
    expect(can(pendamping, 'kube.create')).toBe(false);
    expect(can(pendamping, 'kube.edit', { kubeId: 'kube1' })).toBe(false);
    expect(can(pendamping, 'person.edit', { kubeId: 'kube1' })).toBe(false);
  });

  it('lets only admins manage every field laptop, and a facilitator see and import only their own', () => {
    expect(can(admin, 'device.manage')).toBe(true);
    expect(can(admin, 'device.own', { personId: 'p' })).toBe(true);
    expect(can(pendamping, 'device.manage')).toBe(false);
    expect(can(pendamping, 'device.own')).toBe(true);
    expect(can(pendamping, 'device.own', { personId: 'p' })).toBe(true);
    expect(can(pendamping, 'device.own', { personId: 'another-facilitator' })).toBe(false);
    for (const actor of [pengurus, anggota]) {
      expect(can(actor, 'device.manage')).toBe(false);
      expect(can(actor, 'device.own')).toBe(false);
      expect(can(actor, 'device.own', { personId: actor.id })).toBe(false);
    }
  });

  it('lets members and officers see themselves and their own KUBE only', () => {
    for (const actor of [pengurus, anggota]) {
      expect(can(actor, 'account.self')).toBe(true);
      expect(can(actor, 'kube.view', { kubeId: 'kube1' })).toBe(true);
      expect(can(actor, 'kube.view', { kubeId: 'kube2' })).toBe(false);
      expect(can(actor, 'person.view', { personId: actor.id })).toBe(true);
      expect(can(actor, 'person.view', { personId: 'someone-else', kubeId: 'kube1' })).toBe(false);
      expect(can(actor, 'facilitator.area')).toBe(false);
      expect(can(actor, 'admin.area')).toBe(false);
      expect(can(actor, 'kube.recordPosition', { kubeId: 'kube1' })).toBe(false);
    }
  });
});
