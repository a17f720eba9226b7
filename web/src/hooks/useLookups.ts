import type { Category, Department, IndustrySection, Items, Street, Taxonomy } from '../types';
import { useRequest } from './useRequest';

const NONE: never[] = [];

/** Reference lists for selects; empty until loaded. */
export function useStreets(): Street[] {
  return useRequest<Items<Street>>('/api/streets').data?.items ?? NONE;
}

export function useDepartments(): Department[] {
  return useRequest<Items<Department>>('/api/departments').data?.items ?? NONE;
}

export function useIndustries(): IndustrySection[] {
  return useRequest<{ sections: IndustrySection[] }>('/api/industries').data?.sections ?? NONE;
}

export function useTaxonomy(): Category[] {
  return useRequest<Taxonomy>('/api/taxonomy').data?.categories ?? NONE;
}
