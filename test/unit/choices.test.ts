/** Choosing from a list by what people type or paste: labels, keys, parts, synonyms, first letters. */
import { describe, expect, it } from 'vitest';
import { choicesText, matchChoice, matchYesNo, SYNONYMS, synonymsFor, YES_NO } from '../../shared/choices';
import {
  AGENCY_TIERS, AGENCY_TYPES, CONFIDENCES, CONTROLS, DELIVERY, ENUMS, FUNCTIONS, FUNDING_BASES, PURPOSES, RESOLUTIONS, SEVERITIES, SOURCES, SPEND_KINDS,
  type EnumItem, type EnumName,
} from '../../shared/enums';

const key = (items: readonly EnumItem[], text: string, synonyms?: Record<string, string>) => matchChoice(items, text, synonyms)?.key ?? null;

describe('matchChoice', () => {
  it.each([
    // The examples.
    [AGENCY_TYPES, 'Hospital trust', 'nhs_trust'],
    [AGENCY_TYPES, 'Jobcentre Plus', 'jobcentre_plus_dwp'],
    [AGENCY_TYPES, 'Probation trust', 'probation'],
    [CONTROLS, 'Local', 'local'],
    // Labels and keys, any case and spacing.
    [AGENCY_TYPES, 'NHS trust', 'nhs_trust'],
    [AGENCY_TYPES, '  nhs   TRUST ', 'nhs_trust'],
    [AGENCY_TYPES, 'nhs_trust', 'nhs_trust'],
    [AGENCY_TYPES, 'PCT', 'pct'],
    [FUNCTIONS, 'social protection', 'social_protection'],
    [CONFIDENCES, 'HIGH', 'high'],
    [FUNDING_BASES, 'ring fenced grant', 'ring_fenced_grant'],
    [FUNCTIONS, 'Recreation culture & religion', 'recreation_culture'],
    // A part of a label.
    [AGENCY_TYPES, 'DWP', 'jobcentre_plus_dwp'],
    [AGENCY_TYPES, 'ALMO', 'housing'],
    [AGENCY_TYPES, 'university', 'education'],
    [AGENCY_TYPES, 'NDPB', 'other_ndpb'],
    [PURPOSES, 'Reaction', 'reaction'],
    // Synonyms.
    [AGENCY_TYPES, 'Acute trust', 'nhs_trust'],
    [AGENCY_TYPES, 'NHS Foundation Trust', 'nhs_trust'],
    [AGENCY_TYPES, 'Constabulary', 'police_authority'],
    [AGENCY_TYPES, 'Police', 'police_authority'],
    [AGENCY_TYPES, 'Fire service', 'fire_rescue'],
    [AGENCY_TYPES, 'CC', 'county_council'],
    [AGENCY_TYPES, 'DC', 'district_council'],
    [AGENCY_TYPES, 'Borough council', 'district_council'],
    [AGENCY_TYPES, 'MBC', 'metropolitan_council'],
    [AGENCY_TYPES, 'LB', 'london_borough'],
    [AGENCY_TYPES, 'JCP', 'jobcentre_plus_dwp'],
    [AGENCY_TYPES, 'RSL', 'housing'],
    [AGENCY_TYPES, 'FE college', 'education'],
    [AGENCY_TYPES, 'Quango', 'other_ndpb'],
    [AGENCY_TYPES, 'VCS', 'third_sector'],
    [CONTROLS, 'L', 'local'],
    [CONTROLS, 'c', 'central'],
    [CONTROLS, 'National', 'central'],
    [SPEND_KINDS, 'Rev', 'revenue'],
    [SPEND_KINDS, 'cap', 'capital'],
    [DELIVERY, 'Front line', 'frontline'],
    [DELIVERY, 'Front-line', 'frontline'],
    [DELIVERY, 'Back office', 'administration'],
    [DELIVERY, 'Admin', 'administration'],
    [FUNDING_BASES, 'Ringfenced', 'ring_fenced_grant'],
    [FUNDING_BASES, 'RF', 'ring_fenced_grant'],
    [FUNDING_BASES, 'Specific grant', 'ring_fenced_grant'],
    [FUNDING_BASES, 'RSG', 'formula_grant'],
    [FUNDING_BASES, 'Council tax', 'local_income'],
    [PURPOSES, 'Early intervention', 'prevention'],
    [PURPOSES, 'Preventative', 'prevention'],
    [PURPOSES, 'Acute', 'reaction'],
    [SOURCES, 'Bottom-up', 'agency_return'],
    [SOURCES, 'PESA', 'apportioned'],
    [SOURCES, 'Est', 'estimate'],
    [CONFIDENCES, 'M', 'medium'],
    [CONFIDENCES, 'Med', 'medium'],
    [SEVERITIES, 'H', 'high'],
    [RESOLUTIONS, 'Local', 'local'],
    [RESOLUTIONS, 'Whitehall', 'whitehall_guidance'],
    [RESOLUTIONS, 'Law', 'legislation'],
    [FUNCTIONS, 'Social care', 'social_protection'],
    [FUNCTIONS, 'Schools', 'education'],
    [FUNCTIONS, 'Police', 'public_order_safety'],
    [FUNCTIONS, 'Housing', 'housing_community'],
    [FUNCTIONS, 'Highways', 'economic_affairs'],
    [FUNCTIONS, 'Waste', 'environment_protection'],
    [FUNCTIONS, 'Libraries', 'recreation_culture'],
    [FUNCTIONS, 'Corporate', 'general_public_services'],
    [FUNCTIONS, 'NHS', 'health'],
    // The first letters of one label.
    [CONTROLS, 'Cen', 'central'],
    [AGENCY_TYPES, 'Metro', 'metropolitan_council'],
    [AGENCY_TYPES, 'Dist', 'district_council'],
    [FUNCTIONS, 'env', 'environment_protection'],
    // Tier has a label "Local" exactly.
    [AGENCY_TIERS, 'Local', 'local'],
    [AGENCY_TIERS, 'loc', 'local'],
  ] as const)('%#: %j reads as %s', (items, text, expected) => {
    expect(key(items, text)).toBe(expected);
  });

  it.each([
    [AGENCY_TYPES, 'Hopsital'],
    [AGENCY_TYPES, 'Co'], // fewer than three letters
    [AGENCY_TYPES, 'Cou'], // County council and Courts
    [AGENCY_TYPES, ''],
    [CONTROLS, 'Regional'],
    [FUNCTIONS, 'Defence'],
  ] as const)('%#: %j matches nothing', (items, text) => {
    expect(matchChoice(items, text)).toBeNull();
  });

  it('says how it matched', () => {
    expect(matchChoice(AGENCY_TYPES, 'Jobcentre Plus')).toEqual({ key: 'jobcentre_plus_dwp', label: 'Jobcentre Plus / DWP', how: 'part' });
    expect(matchChoice(AGENCY_TYPES, 'hospital trust')?.how).toBe('synonym');
    expect(matchChoice(CONTROLS, 'Centr')?.how).toBe('prefix');
    expect(matchChoice(CONTROLS, 'Locally controlled')?.how).toBe('exact');
  });

  it('reads “not stated” words as the list’s Not stated item, when it has one', () => {
    const withIt = [...CONFIDENCES.filter((i) => i.key !== 'not_stated'), { key: 'not_stated', label: 'Not stated' }];
    const without = CONFIDENCES.filter((i) => i.key !== 'not_stated');
    for (const text of ['Not stated', 'not stated', 'n/a', 'N/A', 'unknown', '-', '?', '–']) {
      expect(key(withIt, text), text).toBe('not_stated');
      expect(key(without, text), text).toBeNull();
    }
  });

  it('takes a synonyms table of its own, and ignores synonyms for keys the list lacks', () => {
    expect(key(CONTROLS, 'Whitehall')).toBe('central');
    expect(key(CONTROLS, 'Whitehall', {})).toBeNull();
    expect(key(CONTROLS, 'HMG', { hmg: 'central' })).toBe('central');
    expect(key(CONTROLS, 'Elsewhere', { elsewhere: 'nowhere' })).toBeNull();
  });

  it('finds every synonym of every list as its own item (none is hidden by another item)', () => {
    for (const [name, table] of Object.entries(SYNONYMS) as [EnumName, Record<string, string>][]) {
      for (const [text, k] of Object.entries(table)) expect(key(ENUMS[name], text), `${name}: ${text}`).toBe(k);
    }
  });

  it('finds every list’s synonyms from the list itself', () => {
    expect(synonymsFor(AGENCY_TYPES)).toBe(SYNONYMS.agency_type);
    expect(synonymsFor(YES_NO)).toHaveProperty('y', 'yes');
    expect(synonymsFor([{ key: 'a', label: 'A' }])).toEqual({});
  });
});

describe('matchYesNo', () => {
  it.each([
    ['Y', true], ['N', false], ['Yes', true], ['no', false], ['True', true], ['FALSE', false], ['1', true], ['0', false], ['x', true], ['X', true],
  ] as const)('%j is %s', (text, value) => {
    expect(matchYesNo(text)).toBe(value);
  });
  it.each(['maybe', '2', ''])('%j is neither', (text) => {
    expect(matchYesNo(text)).toBeNull();
  });
});

describe('choicesText', () => {
  it('lists a short list whole, and a long one by its first two and how many', () => {
    expect(choicesText([{ key: 'h', label: 'High' }, { key: 'm', label: 'Medium' }, { key: 'l', label: 'Low' }])).toBe('High, Medium or Low');
    expect(choicesText([{ key: 'y', label: 'Yes' }])).toBe('Yes');
    expect(choicesText(AGENCY_TYPES)).toBe(`County council, District council, … (${AGENCY_TYPES.length} choices; type a few letters)`);
  });
});
