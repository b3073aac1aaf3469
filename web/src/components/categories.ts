const LABELS: Record<string, string> = {
  textures: 'Textures',
  characters: 'Characters',
  luts: 'LUTs',
  sound: 'Sound',
};

export function categoryLabel(category: string): string {
  return LABELS[category] ?? category.charAt(0).toUpperCase() + category.slice(1);
}
