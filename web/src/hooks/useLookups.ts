import type { Category, Department, IndustrySection, Items, Street, Taxonomy } from '../types';
import { useEffect, useState } from 'react';
import { api } from '../api';
import { useRequest } from './useRequest';

const NONE: never[] = [];

/** Reference lists for selects; empty until loaded. */
export function useStreets(): Street[] {
  return useRequest<Items<Street>>('/api/streets').data?.items ?? NONE;
}

export function useDepartments(): Department[] {
  return useRequest<Items<Department>>('/api/departments').data?.items ?? NONE;
}

/** The standard does not change while the page is open: one request serves every picker. */
let industries: Promise<IndustrySection[]> | undefined;
let industriesLoaded: IndustrySection[] | undefined;

/** GB/T 4754-2017, all four levels (门类 → 大类 → 中类 → 小类); empty until loaded. */
export function useIndustries(): IndustrySection[] {
  const [sections, setSections] = useState<IndustrySection[]>(industriesLoaded ?? NONE);
  useEffect(() => {
    let live = true;
    industries ??= api.get<{ sections: IndustrySection[] }>('/api/industries').then((r) => (industriesLoaded = r.sections));
    industries.then(
      (s) => live && setSections(s),
      // A failed load is retried by the next picker that mounts.
      () => (industries = undefined),
    );
    return () => {
      live = false;
    };
  }, []);
  return sections;
}

export function useTaxonomy(): Category[] {
  return useRequest<Taxonomy>('/api/taxonomy').data?.categories ?? NONE;
}
